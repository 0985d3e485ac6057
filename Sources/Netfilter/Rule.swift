/// An nftables rule: expressions evaluated in order in one chain, with a comment.
///
/// Kiln identifies its rules by the comment (the kernel keeps it verbatim as rule user data),
/// so a rule read back carries its `comment`, `handle` and counter totals, not its expressions.
public struct Rule: Sendable, Hashable, CustomStringConvertible {
    /// Packet and byte totals of a rule's counter, as the kernel reported them.
    public struct Counters: Sendable, Hashable {
        public var packets: UInt64
        public var bytes: UInt64

        public init(packets: UInt64, bytes: UInt64) {
            self.packets = packets
            self.bytes = bytes
        }
    }

    /// Where a new rule goes in its chain.
    public enum Placement: Sendable, Hashable {
        /// At the end of the chain.
        case append
        /// Right before the rule with this handle.
        case before(handle: UInt64)
    }

    public var family: Family
    public var table: String
    public var chain: String
    public var expressions: [Expression]
    /// The `nft` comment (`NFTNL_UDATA_RULE_COMMENT`), at most 255 bytes.
    public var comment: String?
    /// The kernel's handle; `nil` until the kernel reported it.
    public var handle: UInt64?
    /// The first counter's totals, for rules read back from the kernel.
    public var counters: Counters?

    public init(family: Family, table: String, chain: String, expressions: [Expression] = [],
                comment: String? = nil, handle: UInt64? = nil, counters: Counters? = nil) {
        self.family = family
        self.table = table
        self.chain = chain
        self.expressions = expressions
        self.comment = comment
        self.handle = handle
        self.counters = counters
    }

    /// The rule as `nft` would locate it, e.g. `rule inet kiln input "loopback"`.
    public var description: String {
        "rule \(family) \(table) \(chain)" + (comment.map { " \"\($0)\"" } ?? (handle.map { " handle \($0)" } ?? ""))
    }
}
