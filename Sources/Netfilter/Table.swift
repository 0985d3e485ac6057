/// An nftables table: the container for chains, sets and objects of one family.
///
/// Build one with `init(family:name:flags:)` to describe what should exist; tables read
/// back from the kernel also carry the kernel-assigned `handle`, `use` and `owner`.
public struct Table: Sendable, Hashable, CustomStringConvertible {
    /// Table flags (`NFT_TABLE_F_*`).
    public struct Flags: OptionSet, Sendable, Hashable {
        public var rawValue: UInt32
        public init(rawValue: UInt32) { self.rawValue = rawValue }

        /// The table's base chains are not attached to their hooks.
        public static let dormant = Flags(rawValue: 0x1)
        /// The table belongs to the netlink socket that created it and vanishes when it closes.
        public static let owner = Flags(rawValue: 0x2)
    }

    public var family: Family
    public var name: String
    public var flags: Flags
    /// The kernel's unique handle for the table; `nil` until the kernel reported it.
    public var handle: UInt64?
    /// How many chains, sets and objects the table holds, as the kernel reported it.
    public var use: UInt32?
    /// The netlink port id of the owning socket, for tables with the `.owner` flag.
    public var owner: UInt32?

    public init(
        family: Family, name: String, flags: Flags = [],
        handle: UInt64? = nil, use: UInt32? = nil, owner: UInt32? = nil
    ) {
        self.family = family
        self.name = name
        self.flags = flags
        self.handle = handle
        self.use = use
        self.owner = owner
    }

    /// The table as `nft` names it, e.g. `table inet kiln`.
    public var description: String { "table \(family) \(name)" }
}
