import CLibsodium

/// SHA-256, streaming: for digests other tools check (`sha256sum`, bmap files, Debian's indexes).
public struct SHA256: Sendable {
    private var state = crypto_hash_sha256_state()

    /// A fresh hasher. Wraps `crypto_hash_sha256_init`.
    public init() throws(SodiumError) {
        try Sodium.ready()
        guard crypto_hash_sha256_init(&state) == 0 else { throw .failed(operation: "crypto_hash_sha256_init") }
    }

    /// Adds bytes. Wraps `crypto_hash_sha256_update`.
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        _ = crypto_hash_sha256_update(&state, bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), UInt64(bytes.count))
    }

    public mutating func update(_ bytes: [UInt8]) { bytes.withUnsafeBytes { update($0) } }

    /// The 32-byte digest. Wraps `crypto_hash_sha256_final`.
    public mutating func finalize() -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: Int(crypto_hash_sha256_BYTES))
        _ = crypto_hash_sha256_final(&state, &digest)
        return digest
    }

    /// The digest of `bytes` in one call.
    public static func hash(_ bytes: [UInt8]) throws(SodiumError) -> [UInt8] {
        var hasher = try SHA256()
        hasher.update(bytes)
        return hasher.finalize()
    }
}

extension [UInt8] {
    /// Lower-case hex, as `sha256sum` prints digests.
    public var hexString: String {
        let digits = Array("0123456789abcdef".utf8)
        var text = [UInt8]()
        text.reserveCapacity(count * 2)
        for byte in self {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0xF)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
