import Digest
import Sodium

/// The short name of a public key, as a bundle names its signer: the first 8 bytes of SHA-256 over the key.
public struct KeyID: Sendable, Hashable, CustomStringConvertible {
    public static let length = 8
    public let bytes: [UInt8]

    public init(bytes: [UInt8]) {
        precondition(bytes.count == Self.length)
        self.bytes = bytes
    }

    /// The ID of `key`.
    /// - Throws: `OTAError.key` when OpenSSL cannot hash.
    public init(of key: Ed25519.PublicKey) throws(OTAError) {
        do {
            self.init(bytes: Array(try SHA256.hash(key.bytes).prefix(Self.length)))
        } catch {
            throw .key(path: "public key", reason: "\(error)")
        }
    }

    /// 16 lower-case hex digits.
    public var description: String { bytes.hexString }
}
