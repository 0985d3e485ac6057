import CLibsodiumLoader

/// Ed25519 signatures (RFC 8032), as Kiln signs update bundles.
public enum Ed25519 {
    public static let publicKeyLength = Int(crypto_sign_PUBLICKEYBYTES)
    public static let secretKeyLength = Int(crypto_sign_SECRETKEYBYTES)
    public static let seedLength = Int(crypto_sign_SEEDBYTES)
    public static let signatureLength = Int(crypto_sign_BYTES)

    /// A verifying key: 32 bytes, safe to publish.
    public struct PublicKey: Sendable, Hashable {
        public let bytes: [UInt8]

        /// A key is only ever made to verify, so libsodium is loaded here: a missing library is
        /// reported as such where the key is read, never as a signature that does not verify.
        /// - Throws: `SodiumError.wrongLength` unless `bytes` has 32 bytes; `.unloadable` or
        ///   `.unavailable` when libsodium cannot be loaded. Wraps `dlopen` and `sodium_init`.
        public init(bytes: [UInt8]) throws(SodiumError) {
            try Sodium.ready()
            self.bytes = try Ed25519.checked(bytes, length: Ed25519.publicKeyLength, what: "an Ed25519 public key")
        }

        /// Whether `signature` was made over `message` by this key's secret. Wraps `crypto_sign_verify_detached`.
        public func isValidSignature(_ signature: Signature, for message: [UInt8]) -> Bool {
            // A key exists only after libsodium loaded (init), and a loaded library stays loaded.
            guard let libsodium = try? Libsodium.load() else { return false }
            return message.withUnsafeBufferPointer { message in
                signature.bytes.withUnsafeBufferPointer { signature in
                    bytes.withUnsafeBufferPointer { key in
                        libsodium.crypto_sign_verify_detached(signature.baseAddress!, message.baseAddress,
                                                              UInt64(message.count), key.baseAddress!) == 0
                    }
                }
            }
        }
    }

    /// A detached signature: 64 bytes.
    public struct Signature: Sendable, Hashable {
        public let bytes: [UInt8]

        /// - Throws: `SodiumError.wrongLength` unless `bytes` has 64 bytes.
        public init(bytes: [UInt8]) throws(SodiumError) {
            self.bytes = try Ed25519.checked(bytes, length: Ed25519.signatureLength, what: "an Ed25519 signature")
        }
    }

    /// `bytes` when it has exactly `length` bytes; keys and signatures read from files may not.
    static func checked(_ bytes: [UInt8], length: Int, what: String) throws(SodiumError) -> [UInt8] {
        guard bytes.count == length else { throw .wrongLength(what: what, expected: length, actual: bytes.count) }
        return bytes
    }
}
