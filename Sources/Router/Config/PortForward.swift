/// Destination NAT: connections to the router's `ports` on a zone go to a host inside.
public struct PortForward: Sendable, Hashable {
    public var name: String
    public var zone: String
    public var proto: PortForwardProtocol
    public var ports: PortRange
    /// The inside IPv4 host.
    public var address: IPPrefix
    /// The inside port; `nil` keeps the original port (required for ranges).
    public var port: UInt16?
    /// Only from this source prefix, when given.
    public var source: IPPrefix?
    public var line: Int
}
