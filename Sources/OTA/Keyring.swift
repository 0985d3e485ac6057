import Sodium

/// The public keys a system trusts, by key ID: a file of key lines, or a directory of `*.pub` files.
/// Several keys at once let a fleet move to a new signing key without a flag day.
public struct Keyring: Sendable {
    public struct Entry: Sendable {
        public var key: Ed25519.PublicKey
        public var keyID: KeyID
        /// Where the key was read from (`file:line`).
        public var origin: String
        public var comment: String
    }

    /// Where the keyring was read from, for messages.
    public let path: String
    public let entries: [Entry]

    /// Reads the keyring at `path`.
    /// - Throws: `OTAError.key` for a malformed line, an empty keyring or two different keys with one ID.
    public init(path: String) throws(OTAError) {
        self.path = path
        var files: [String] = [path]
        if LocalFile.isDirectory(path) {
            files = try LocalFile.entries(path).filter { $0.hasSuffix(".pub") }.map { "\(path)/\($0)" }
        }
        var entries: [Entry] = []
        for file in files {
            for (index, line) in try LocalFile.text(file).split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                guard let parsed = try PublicKeyLine.parse(line, file: file, number: index + 1) else { continue }
                let id = try KeyID(of: parsed.key)
                if let existing = entries.first(where: { $0.keyID == id }) {
                    guard existing.key == parsed.key else {
                        throw .key(path: "\(file):\(index + 1)", reason: "key ID \(id) also names a different key at \(existing.origin)")
                    }
                    continue
                }
                entries.append(Entry(key: parsed.key, keyID: id, origin: "\(file):\(index + 1)", comment: parsed.comment))
            }
        }
        guard !entries.isEmpty else { throw .key(path: path, reason: "the keyring holds no key") }
        self.entries = entries
    }

    /// The key with `id`.
    public func key(for id: KeyID) -> Ed25519.PublicKey? {
        entries.first { $0.keyID == id }?.key
    }
}
