/// A user rule: match conditions and an action, placed in a zone's input, forward or output path.
public struct FilterRule: Sendable, Hashable {
    /// Which traffic the rule sees.
    public enum Direction: String, Sendable, Hashable, CaseIterable {
        /// To the router itself (from `zone`'s interfaces, or any).
        case input
        /// Through the router (from `zone`'s interfaces, or any).
        case forward
        /// From the router itself (out of `zone`'s interfaces, or any).
        case output
    }

    public enum Action: String, Sendable, Hashable, CaseIterable {
        case accept, drop, reject
    }

    public var name: String
    public var zone: String?
    public var direction: Direction
    public var proto: TransportProtocol?
    /// Destination ports; needs `proto` tcp or udp.
    public var ports: PortRange?
    public var source: IPPrefix?
    public var destination: IPPrefix?
    public var sourceSet: String?
    public var destinationSet: String?
    /// ICMP or ICMPv6 type number; needs `proto` icmp or icmpv6.
    public var icmpType: UInt8?
    public var limit: RateLimit?
    public var counter: Bool
    public var logPrefix: String?
    public var action: Action
    public var line: Int
}
