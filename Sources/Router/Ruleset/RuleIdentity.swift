import Netfilter

/// The comment that identifies a Kiln rule in the kernel: its name and a hash of everything it
/// does, e.g. `ping [3f9a1c2b0d4e5f60]`.
///
/// The kernel keeps a rule's comment verbatim, so two rules with equal comments are equal rules
/// and the diff never has to decode expressions read back from the kernel.
enum RuleIdentity {
    static func comment(name: String, chain: String, expressions: [Expression]) -> String {
        let text = ([chain, name] + expressions.map(\.description)).joined(separator: "\u{1F}")
        return "\(name) [\(String(fnv1a(text), radix: 16).leftPadded(to: 16))]"
    }

    /// The name part of a Kiln comment, or `nil` for a comment Kiln did not write.
    static func name(fromComment comment: String) -> String? {
        guard comment.hasSuffix("]"), let open = comment.lastIndex(of: "[") else { return nil }
        return String(comment[..<open]).trimmingCharacters(in: [" "])
    }

    /// FNV-1a, 64 bits: stable across runs and machines, unlike `Hasher`.
    static func fnv1a(_ text: String) -> UInt64 {
        var text = text
        // Over the contiguous UTF-8 bytes: iterating `utf8` goes through the view's index
        // machinery for every byte, which made this loop the costliest part of building a ruleset.
        return text.withUTF8 { bytes in
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in bytes {
                hash ^= UInt64(byte)
                hash = hash &* 0x100_0000_01b3
            }
            return hash
        }
    }
}

extension String {
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: Swift.max(0, width - count)) + self }

    func trimmingCharacters(in characters: Set<Character>) -> String {
        String(drop { characters.contains($0) }.reversed().drop { characters.contains($0) }.reversed())
    }
}
