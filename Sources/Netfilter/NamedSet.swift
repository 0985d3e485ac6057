/// A named nftables set of addresses that rules look packets up in (`set blocklist { ... }`).
public struct NamedSet: Sendable, Hashable, CustomStringConvertible {
    /// What the set's keys are.
    public enum KeyType: String, Sendable, Hashable, CaseIterable {
        case ipv4Address = "ipv4_addr", ipv6Address = "ipv6_addr"

        /// Key length in bytes.
        public var length: Int { self == .ipv4Address ? 4 : 16 }
    }

    public var family: Family
    public var table: String
    public var name: String
    public var keyType: KeyType
    /// Whether elements are ranges (`flags interval`), which prefixes need.
    public var isInterval: Bool
    /// The kernel's handle; `nil` until the kernel reported it.
    public var handle: UInt64?

    public init(family: Family, table: String, name: String, keyType: KeyType, isInterval: Bool = true,
                handle: UInt64? = nil) {
        self.family = family
        self.table = table
        self.name = name
        self.keyType = keyType
        self.isInterval = isInterval
        self.handle = handle
    }

    /// The set as `nft` names it, e.g. `set inet kiln blocklist`.
    public var description: String { "set \(family) \(table) \(name)" }
}
