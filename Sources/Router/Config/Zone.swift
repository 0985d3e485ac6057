/// A group of interfaces with one policy: traffic to the router (`input`) and through it (`forward`).
public struct Zone: Sendable, Hashable {
    /// What happens to traffic a zone's rules did not decide on.
    public enum Policy: String, Sendable, Hashable, CaseIterable {
        case accept, drop, reject
    }

    /// How traffic leaving through the zone gets a source address.
    public enum SourceTranslation: Sendable, Hashable {
        /// The outgoing interface's address, whatever it is (dynamic WAN addresses).
        case masquerade
        /// A fixed IPv4 address.
        case snat(IPPrefix)
    }

    public var name: String
    public var interfaces: [String]
    public var input: Policy
    public var forward: Policy
    public var sourceTranslation: SourceTranslation?
    /// A WAN zone gets SYN-flood limiting on new TCP connections to the router.
    public var isWAN: Bool
    /// New-connection SYN rate allowed into the router from a WAN zone.
    public var synFlood: RateLimit?
    /// The line of the zone's header in the config.
    public var line: Int
}
