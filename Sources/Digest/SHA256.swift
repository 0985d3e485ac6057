import CLibcryptoLoader

/// SHA-256, streaming, through OpenSSL's EVP interface: for digests other tools check (`sha256sum`,
/// bmap files), at the speed of the CPU's SHA instructions. libcrypto is opened on first use.
///
/// Not `Sendable`: the context is mutable state owned by one hasher.
public final class SHA256 {
    private let context: OpaquePointer
    private let libcrypto: UnsafePointer<kiln_libcrypto>

    /// A fresh hasher.
    /// - Throws: `DigestError.failed` when libcrypto cannot be loaded (naming the file and its
    ///   Debian package) or OpenSSL cannot set a hasher up. Wraps `dlopen`, `EVP_MD_CTX_new`, `EVP_DigestInit_ex`.
    public init() throws(DigestError) {
        var reason: UnsafePointer<CChar>?
        guard let libcrypto = kiln_libcrypto_load(&reason) else {
            let why = reason.map { String(cString: $0) } ?? "no reason given"
            throw .failed(operation: "loading \(KILN_LIBCRYPTO_SONAME) (Debian package libssl3): \(why)")
        }
        guard let context = libcrypto.pointee.EVP_MD_CTX_new() else { throw .failed(operation: "EVP_MD_CTX_new") }
        guard libcrypto.pointee.EVP_DigestInit_ex(context, libcrypto.pointee.EVP_sha256(), nil) == 1 else {
            libcrypto.pointee.EVP_MD_CTX_free(context)
            throw .failed(operation: "EVP_DigestInit_ex(sha256)")
        }
        self.context = context
        self.libcrypto = libcrypto
    }

    deinit { libcrypto.pointee.EVP_MD_CTX_free(context) }

    /// Adds bytes. Wraps `EVP_DigestUpdate`, which cannot fail for SHA-256 once initialised.
    public func update(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        _ = libcrypto.pointee.EVP_DigestUpdate(context, base, bytes.count)
    }

    public func update(_ bytes: [UInt8]) { bytes.withUnsafeBytes { update($0) } }

    /// The 32-byte digest; the hasher is spent afterwards. Wraps `EVP_DigestFinal_ex`.
    public func finalize() -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: 32)
        var length: UInt32 = 0
        _ = libcrypto.pointee.EVP_DigestFinal_ex(context, &digest, &length)
        return digest
    }

    /// The digest of `bytes` in one call.
    /// - Throws: `DigestError.failed` when OpenSSL cannot set up a hasher.
    public static func hash(_ bytes: [UInt8]) throws(DigestError) -> [UInt8] {
        let hasher = try SHA256()
        hasher.update(bytes)
        return hasher.finalize()
    }
}

/// OpenSSL could not do what was asked.
public enum DigestError: Error, Sendable, Equatable, CustomStringConvertible {
    case failed(operation: String)

    public var description: String {
        switch self {
        case .failed(let operation): "OpenSSL: \(operation) failed"
        }
    }
}
