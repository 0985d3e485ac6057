#if canImport(Glibc)
import Glibc
#endif
import Sodium

/// An Ed25519 signing key as Kiln keeps it: `NAME.key` (the secret seed, mode 0600) beside `NAME.pub`.
///
/// `NAME.key` holds one line `kiln-ed25519-secret <64 hex digits>`; `NAME.pub` one line
/// `kiln-ed25519 <64 hex digits> <name>` — the same line format a keyring file lists keys in.
public struct SigningKey: Sendable {
    static let secretTag = "kiln-ed25519-secret"
    public let keyPair: Ed25519.KeyPair
    public let keyID: KeyID

    init(keyPair: Ed25519.KeyPair) throws(OTAError) {
        self.keyPair = keyPair
        self.keyID = try KeyID(of: keyPair.publicKey)
    }

    /// A new random key.
    /// - Throws: `OTAError.key` when libsodium fails.
    public static func generate() throws(OTAError) -> SigningKey {
        do { return try SigningKey(keyPair: try Ed25519.KeyPair.generate()) } catch let error as OTAError {
            throw error
        } catch {
            throw .key(path: "new key", reason: "\(error)")
        }
    }

    /// Writes `PREFIX.key` (0600, created exclusively: an existing key is never overwritten) and `PREFIX.pub`.
    /// The secret never appears anywhere else. Returns the paths.
    /// - Throws: `OTAError.io` (e.g. EEXIST when a key of that name exists).
    public func write(prefix: String) throws(OTAError) -> (secret: String, public: String) {
        let name = prefix.split(separator: "/").last.map(String.init) ?? prefix
        let secretPath = prefix + ".key", publicPath = prefix + ".pub"
        guard !LocalFile.exists(publicPath) else { throw .io(path: publicPath, operation: "create", errno: EEXIST) }
        if let slash = prefix.lastIndex(of: "/"), !prefix[..<slash].isEmpty {
            // Like `mkdir -p` for the last level only: keys/ beside the sources is the common case.
            let directory = String(prefix[..<slash])
            if !LocalFile.isDirectory(directory), mkdir(directory, 0o700) != 0 {
                throw .io(path: directory, operation: "mkdir", errno: errno)
            }
        }
        var line = Array("\(Self.secretTag) ".utf8)
        keyPair.seed.withUnsafeBytes { line += Array($0).hexString.utf8 }
        line.append(UInt8(ascii: "\n"))
        defer { for index in line.indices { line[index] = 0 } }
        try LocalFile.createExclusively(secretPath, with: line, mode: 0o600)
        let publicLine = PublicKeyLine(key: keyPair.publicKey, comment: name).text
        try LocalFile.createExclusively(publicPath, with: Array(publicLine.utf8), mode: 0o644)
        return (secretPath, publicPath)
    }

    /// Reads a `NAME.key` file. Refuses one that others can read, as ssh does.
    /// - Throws: `OTAError.key` naming the file and what is wrong (never its contents).
    public static func load(path: String) throws(OTAError) -> SigningKey {
        var info = stat()
        guard stat(path, &info) == 0 else { throw .io(path: path, operation: "stat", errno: errno) }
        guard info.st_mode & 0o077 == 0 else {
            throw .key(path: path, reason: "a secret key must not be readable by group or others (mode \(String(info.st_mode & 0o777, radix: 8)); chmod 600 it)")
        }
        var contents = try LocalFile.read(path, limit: 4096)
        defer { for index in contents.indices { contents[index] = 0 } }
        let fields = contents.split(whereSeparator: { $0 == 0x20 || $0 == 0x0A || $0 == 0x09 || $0 == 0x0D })
        guard fields.count == 2, Array(fields[0]) == Array(secretTag.utf8),
              var seed = bytes(fromHex: String(decoding: fields[1], as: UTF8.self)), seed.count == Ed25519.seedLength else {
            throw .key(path: path, reason: "not a Kiln secret key (expected one line '\(secretTag) <64 hex digits>')")
        }
        defer { for index in seed.indices { seed[index] = 0 } }
        do {
            return try SigningKey(keyPair: try Ed25519.KeyPair(seed: try SecureBytes(copying: seed)))
        } catch let error as OTAError {
            throw error
        } catch {
            throw .key(path: path, reason: "\(error)")
        }
    }
}
