/// A layer-4 protocol a rule or port forward matches.
public enum TransportProtocol: String, Sendable, Hashable, CaseIterable {
    case tcp, udp, icmp, icmpv6

    /// The IANA protocol number (`meta l4proto`).
    public var number: UInt8 {
        switch self {
        case .tcp: 6
        case .udp: 17
        case .icmp: 1
        case .icmpv6: 58
        }
    }

    /// Whether the protocol has ports.
    public var hasPorts: Bool { self == .tcp || self == .udp }
}

/// The protocols of a port forward: one, or both of TCP and UDP.
public enum PortForwardProtocol: String, Sendable, Hashable, CaseIterable {
    case tcp, udp, both

    public var protocols: [TransportProtocol] {
        switch self {
        case .tcp: [.tcp]
        case .udp: [.udp]
        case .both: [.tcp, .udp]
        }
    }
}
