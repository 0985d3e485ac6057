import Netfilter

/// The comment that identifies a Kiln rule in the kernel: its name and a hash of everything it
/// does, e.g. `ping [3f9a1c2b0d4e5f60]`.
///
/// The kernel keeps a rule's comment verbatim, so two rules with equal comments are equal rules
/// and the diff never has to decode expressions read back from the kernel.
enum RuleIdentity {
    static func comment(name: String, chain: String, expressions: [Expression]) -> String {
        // The hash of chain, name and each expression's text, 0x1F between them, without
        // joining them into one string first.
        var hash = hashing(chain, continuing: fnv1aOffset)
        hash = hashing(name, continuing: fnv1a(CollectionOfOne(0x1F), continuing: hash))
        for expression in expressions {
            hash = hashing(expression.description, continuing: fnv1a(CollectionOfOne(0x1F), continuing: hash))
        }
        return "\(name) [\(String(hash, radix: 16).leftPadded(to: 16))]"
    }

    /// The name part of a Kiln comment, or `nil` for a comment Kiln did not write.
    static func name(fromComment comment: String) -> String? {
        guard comment.hasSuffix("]"), let open = comment.lastIndex(of: "[") else { return nil }
        return String(comment[..<open]).trimmingCharacters(in: [" "])
    }

    private static func hashing(_ text: String, continuing hash: UInt64) -> UInt64 {
        var text = text
        return text.withUTF8 { fnv1a($0, continuing: hash) }
    }

    /// FNV-1a, 64 bits: stable across runs and machines, unlike `Hasher`.
    static let fnv1aOffset: UInt64 = 0xcbf2_9ce4_8422_2325

    /// Continues `hash` over `bytes` (contiguous: iterating a string's `utf8` view byte by byte
    /// made this the costliest part of building a ruleset).
    static func fnv1a(_ bytes: some Collection<UInt8>, continuing hash: UInt64) -> UInt64 {
        var hash = hash
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return hash
    }
}

extension String {
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: Swift.max(0, width - count)) + self }

    func trimmingCharacters(in characters: Set<Character>) -> String {
        String(drop { characters.contains($0) }.reversed().drop { characters.contains($0) }.reversed())
    }
}
