import Netfilter

/// What Kiln's table should hold: chains, sets with their elements, and rules in chain order,
/// each rule remembering the config line it came from.
///
/// Built from a config without I/O (`Ruleset(config:)`); `RulesetChange` compares it with the kernel.
public struct Ruleset: Sendable, Hashable {
    /// A rule and the config item it was made from.
    public struct Entry: Sendable, Hashable {
        public var rule: Rule
        public var origin: Origin
    }

    /// A set, its elements, and where it is defined.
    public struct SetContents: Sendable, Hashable {
        public var set: NamedSet
        public var ranges: AddressRanges
        public var origin: Origin
    }

    /// The flowtable of flow offloading, and where it is configured.
    public struct FlowtableEntry: Sendable, Hashable {
        public var flowtable: Flowtable
        public var origin: Origin
    }

    /// The origin of the flowtable and the offload rules, as errors name it.
    public static let flowOffloadingSubject = "flow offloading"

    /// The flowtable's name in Kiln's table (`flow add @ft`).
    public static let flowtableName = "ft"

    /// Where in the config an object comes from, for error messages: `router.toml:30: rule 'web'`.
    public struct Origin: Sendable, Hashable, CustomStringConvertible {
        /// `rule 'web'`, `port forward 'web'`, `zone 'wan'`, `set 'blocklist'`, or `router default 'loopback'`.
        public var subject: String
        /// The config line, `nil` for built-in defaults.
        public var line: Int?

        public init(_ subject: String, line: Int? = nil) {
            self.subject = subject
            self.line = line
        }

        public var description: String { line.map { "line \($0): \(subject)" } ?? subject }
    }

    public var table: Table
    /// Regular chains first, so jumps in base chains find their targets when created in one batch.
    public var chains: [Chain]
    public var sets: [SetContents]
    public var rules: [Entry]
    /// At most one: the flowtable for flow offloading over every zone interface.
    public var flowtables: [FlowtableEntry] = []

    /// Each set's ranges by set name.
    public var setRanges: [String: AddressRanges] {
        Dictionary(uniqueKeysWithValues: sets.map { ($0.set.name, $0.ranges) })
    }

    /// The rules of `chain`, in order.
    public func rules(in chain: String) -> [Entry] { rules.filter { $0.rule.chain == chain } }
}
