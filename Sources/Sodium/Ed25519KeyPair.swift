import CLibsodiumLoader

extension Ed25519 {
    /// A signing key and its public half. The secret lives in guarded memory (`SecureBytes`).
    public struct KeyPair: Sendable {
        public let publicKey: PublicKey
        /// The 32-byte seed the key pair derives from: what a key file stores.
        public let seed: SecureBytes
        private let secretKey: SecureBytes
        private let libsodium: Libsodium

        /// A new random key pair.
        /// - Throws: `SodiumError`. Wraps `randombytes_buf` and `crypto_sign_seed_keypair`.
        public static func generate() throws(SodiumError) -> KeyPair {
            let seed = try SecureBytes(copying: Sodium.randomBytes(Ed25519.seedLength))
            return try KeyPair(seed: seed)
        }

        /// The key pair a 32-byte seed determines (RFC 8032's "private key").
        /// - Throws: `SodiumError.wrongLength`; `.unloadable` when libsodium cannot be loaded.
        ///   Wraps `crypto_sign_seed_keypair`.
        public init(seed: SecureBytes) throws(SodiumError) {
            let libsodium = try Libsodium.load()
            guard seed.count == Ed25519.seedLength else {
                throw .wrongLength(what: "an Ed25519 seed", expected: Ed25519.seedLength, actual: seed.count)
            }
            var publicKey = [UInt8](repeating: 0, count: Ed25519.publicKeyLength)
            var secret = [UInt8](repeating: 0, count: Ed25519.secretKeyLength)
            defer { secret.withUnsafeMutableBytes { libsodium.sodium_memzero($0.baseAddress, $0.count) } }
            let status = seed.withUnsafeBytes { seed in
                libsodium.crypto_sign_seed_keypair(&publicKey, &secret, seed.baseAddress!.assumingMemoryBound(to: UInt8.self))
            }
            guard status == 0 else { throw .failed(operation: "crypto_sign_seed_keypair") }
            self.publicKey = try PublicKey(bytes: publicKey)
            self.secretKey = try SecureBytes(copying: secret)
            self.seed = seed
            self.libsodium = libsodium
        }

        /// Signs `message`. Wraps `crypto_sign_detached`.
        public func sign(_ message: [UInt8]) throws(SodiumError) -> Signature {
            var signature = [UInt8](repeating: 0, count: Ed25519.signatureLength)
            let status = message.withUnsafeBufferPointer { message in
                secretKey.withUnsafeBytes { key in
                    libsodium.crypto_sign_detached(&signature, nil, message.baseAddress,
                                         UInt64(message.count), key.baseAddress!.assumingMemoryBound(to: UInt8.self))
                }
            }
            guard status == 0 else { throw .failed(operation: "crypto_sign_detached") }
            return try Signature(bytes: signature)
        }
    }
}
