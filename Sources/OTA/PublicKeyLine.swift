import Sodium

/// One trusted key as a line of text: `kiln-ed25519 <64 hex digits> [comment]`.
struct PublicKeyLine {
    static let tag = "kiln-ed25519"
    var key: Ed25519.PublicKey
    var comment: String

    var text: String { "\(Self.tag) \(key.bytes.hexString) \(comment)\n" }

    /// The key on `line`, nil for a blank or `#` comment line.
    /// - Throws: `OTAError.key` naming `file:line` when the line is something else.
    static func parse(_ line: Substring, file: String, number: Int) throws(OTAError) -> PublicKeyLine? {
        let trimmed = line.drop { $0 == " " || $0 == "\t" }
        if trimmed.isEmpty || trimmed.hasPrefix("#") { return nil }
        let fields = trimmed.split(maxSplits: 2, whereSeparator: { $0 == " " || $0 == "\t" })
        guard fields.count >= 2, fields[0] == tag, let bytes = bytes(fromHex: fields[1]),
              let key = try? Ed25519.PublicKey(bytes: bytes) else {
            throw .key(path: "\(file):\(number)", reason: "expected '\(tag) <64 hex digits> [comment]'")
        }
        return PublicKeyLine(key: key, comment: fields.count > 2 ? String(fields[2]) : "")
    }
}
