import CLibsodium

/// Ed25519 signatures (RFC 8032), as Kiln signs update bundles.
public enum Ed25519 {
    public static let publicKeyLength = Int(crypto_sign_PUBLICKEYBYTES)
    public static let secretKeyLength = Int(crypto_sign_SECRETKEYBYTES)
    public static let seedLength = Int(crypto_sign_SEEDBYTES)
    public static let signatureLength = Int(crypto_sign_BYTES)

    /// A verifying key: 32 bytes, safe to publish.
    public struct PublicKey: Sendable, Hashable {
        public let bytes: [UInt8]

        /// - Throws: `SodiumError.wrongLength` unless `bytes` has 32 bytes.
        public init(bytes: [UInt8]) throws(SodiumError) {
            guard bytes.count == Ed25519.publicKeyLength else {
                throw .wrongLength(what: "an Ed25519 public key", expected: Ed25519.publicKeyLength, actual: bytes.count)
            }
            self.bytes = bytes
        }

        /// Whether `signature` was made over `message` by this key's secret. Wraps `crypto_sign_verify_detached`.
        public func isValidSignature(_ signature: Signature, for message: [UInt8]) -> Bool {
            guard (try? Sodium.ready()) != nil else { return false }
            return message.withUnsafeBufferPointer { message in
                signature.bytes.withUnsafeBufferPointer { signature in
                    bytes.withUnsafeBufferPointer { key in
                        crypto_sign_verify_detached(signature.baseAddress!, message.baseAddress, UInt64(message.count), key.baseAddress!) == 0
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
            guard bytes.count == Ed25519.signatureLength else {
                throw .wrongLength(what: "an Ed25519 signature", expected: Ed25519.signatureLength, actual: bytes.count)
            }
            self.bytes = bytes
        }
    }
}
