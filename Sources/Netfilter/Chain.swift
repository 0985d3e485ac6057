/// An nftables chain: a base chain attached to a netfilter hook, or a regular chain reached by jumps.
public struct Chain: Sendable, Hashable, CustomStringConvertible {
    /// The netfilter hook a base chain is attached to.
    public enum Hook: String, Sendable, Hashable, CaseIterable {
        case prerouting, input, forward, output, postrouting
    }

    /// The kind of base chain: plain filtering, or NAT (consulted for a connection's first packet).
    public enum Kind: String, Sendable, Hashable {
        case filter, nat
    }

    /// What a base chain does with a packet no rule decided on.
    public enum Policy: String, Sendable, Hashable {
        case accept, drop
    }

    /// Hook, priority, kind and policy of a base chain.
    public struct Base: Sendable, Hashable {
        public var hook: Hook
        public var kind: Kind
        public var priority: Int32
        public var policy: Policy

        public init(hook: Hook, kind: Kind = .filter, priority: Int32 = 0, policy: Policy = .accept) {
            self.hook = hook
            self.kind = kind
            self.priority = priority
            self.policy = policy
        }
    }

    public var family: Family
    public var table: String
    public var name: String
    /// `nil` for a regular chain.
    public var base: Base?
    /// The kernel's handle; `nil` until the kernel reported it.
    public var handle: UInt64?

    public init(family: Family, table: String, name: String, base: Base? = nil, handle: UInt64? = nil) {
        self.family = family
        self.table = table
        self.name = name
        self.base = base
        self.handle = handle
    }

    /// The chain as `nft` names it, e.g. `chain inet kiln input`.
    public var description: String { "chain \(family) \(table) \(name)" }
}
