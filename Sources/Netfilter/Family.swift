import CLibnftnl

/// An nftables address family, named as `nft` names it.
public enum Family: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case inet, ip, ip6, arp, bridge, netdev

    public var description: String { rawValue }

    /// The `NFPROTO_*` number that goes into the `nfgenmsg` header.
    var protocolNumber: UInt16 {
        switch self {
        case .inet: UInt16(NFPROTO_INET)
        case .ip: UInt16(NFPROTO_IPV4)
        case .ip6: UInt16(NFPROTO_IPV6)
        case .arp: UInt16(NFPROTO_ARP)
        case .bridge: UInt16(NFPROTO_BRIDGE)
        case .netdev: UInt16(NFPROTO_NETDEV)
        }
    }

    /// The family for an `NFPROTO_*` number; `nil` for numbers nftables does not use.
    init?(protocolNumber: UInt32) {
        guard let family = Family.allCases.first(where: { UInt32($0.protocolNumber) == protocolNumber })
        else { return nil }
        self = family
    }
}
