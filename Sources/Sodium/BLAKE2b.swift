import CLibsodiumLoader

/// BLAKE2b, streaming: the fast hash Kiln uses for bundle chunks and manifests.
///
/// libsodium's state must be 64-byte aligned and does not import as a Swift struct, so it is
/// allocated here with that alignment and owned by this class.
public final class BLAKE2b {
    private let state: UnsafeMutableRawPointer
    private let libsodium: Libsodium
    public let outputLength: Int

    /// A hasher producing `outputLength` bytes (16 to 64; 32 by default).
    /// - Throws: `SodiumError.wrongLength` for an unsupported length, `.unloadable` when libsodium
    ///   cannot be loaded. Wraps `crypto_generichash_init`.
    public init(outputLength: Int = 32) throws(SodiumError) {
        let libsodium = try Libsodium.load()
        guard (Int(crypto_generichash_BYTES_MIN)...Int(crypto_generichash_BYTES_MAX)).contains(outputLength) else {
            throw .wrongLength(what: "a BLAKE2b digest", expected: Int(crypto_generichash_BYTES), actual: outputLength)
        }
        state = UnsafeMutableRawPointer.allocate(byteCount: libsodium.crypto_generichash_statebytes(), alignment: 64)
        self.libsodium = libsodium
        self.outputLength = outputLength
        guard libsodium.crypto_generichash_init(OpaquePointer(state), nil, 0, outputLength) == 0 else {
            state.deallocate()
            throw .failed(operation: "crypto_generichash_init")
        }
    }

    /// Adds bytes. Wraps `crypto_generichash_update`.
    public func update(_ bytes: UnsafeRawBufferPointer) {
        // Never fails for a state that init succeeded on.
        _ = libsodium.crypto_generichash_update(OpaquePointer(state),
                                                bytes.baseAddress?.assumingMemoryBound(to: UInt8.self),
                                      UInt64(bytes.count))
    }

    public func update(_ bytes: [UInt8]) { bytes.withUnsafeBytes { update($0) } }

    /// The digest; the hasher must not be used afterwards. Wraps `crypto_generichash_final`.
    public func finalize() -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: outputLength)
        _ = libsodium.crypto_generichash_final(OpaquePointer(state), &digest, outputLength)
        return digest
    }

    /// The digest of `bytes` in one call.
    public static func hash(_ bytes: [UInt8], outputLength: Int = 32) throws(SodiumError) -> [UInt8] {
        let hasher = try BLAKE2b(outputLength: outputLength)
        hasher.update(bytes)
        return hasher.finalize()
    }

    deinit {
        libsodium.sodium_memzero(state, libsodium.crypto_generichash_statebytes())
        state.deallocate()
    }
}
