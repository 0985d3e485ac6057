import Netfilter

/// The expression sequences rules are made of: what `nft` writes as `iifname "eth0"`,
/// `ip saddr 10.0.0.0/8`, `tcp dport 22`, `ct state established,related`.
enum Match {
    /// `iifname NAME` / `oifname NAME`: the name NUL-padded to IFNAMSIZ, as the kernel loads it.
    static func interface(_ name: String, input: Bool) -> [Expression] {
        let bytes = Array(name.utf8.prefix(15)) + [UInt8](repeating: 0, count: 16 - min(15, name.utf8.count))
        return [.meta(.init(input ? .iifname : .oifname)), .compare(.init(.one, .equal, bytes))]
    }

    /// `meta nfproto ipv4|ipv6`.
    static func family(_ version: IPPrefix.Version) -> [Expression] {
        [.meta(.init(.nfproto)), .compare(.init(.one, .equal, [version == .ipv4 ? 2 : 10]))]
    }

    /// `meta l4proto P`.
    static func transport(_ proto: TransportProtocol) -> [Expression] {
        [.meta(.init(.l4proto)), .compare(.init(.one, .equal, [proto.number]))]
    }

    /// Loads the source or destination address of `version` into register 1.
    static func loadAddress(_ version: IPPrefix.Version, source: Bool) -> Expression {
        let offset: UInt32 = version == .ipv4 ? (source ? 12 : 16) : (source ? 8 : 24)
        return .payload(.init(.network, offset: offset, length: version == .ipv4 ? 4 : 16))
    }

    /// `ip saddr PREFIX` and friends; `/0` matches only the family.
    static func address(_ prefix: IPPrefix, source: Bool) -> [Expression] {
        guard prefix.length > 0 else { return family(prefix.version) }
        var expressions = family(prefix.version) + [loadAddress(prefix.version, source: source)]
        if prefix.length < prefix.version.bitCount { expressions.append(.bitwise(.init(mask: prefix.mask))) }
        return expressions + [.compare(.init(.one, .equal, prefix.address))]
    }

    /// `ip saddr @set`.
    static func address(in set: AddressSet, source: Bool) -> [Expression] {
        family(set.version) + [loadAddress(set.version, source: source), .lookup(.init(set: set.name))]
    }

    /// `th dport N` or `th dport A-B` (the protocol is matched before).
    static func destinationPort(_ ports: PortRange) -> [Expression] {
        let load = Expression.payload(.init(.transport, offset: 2, length: 2))
        if ports.isSingle { return [load, .compare(.init(.one, .equal, bigEndian(ports.first)))] }
        return [load, .compare(.init(.one, .greaterOrEqual, bigEndian(ports.first))),
                .compare(.init(.one, .lessOrEqual, bigEndian(ports.last)))]
    }

    /// `icmp type T` / `icmpv6 type T` (the protocol is matched before).
    static func icmpType(_ type: UInt8) -> [Expression] {
        [.payload(.init(.transport, offset: 0, length: 1)), .compare(.init(.one, .equal, [type]))]
    }

    /// `icmpv6 type A-B`.
    static func icmpTypes(_ range: ClosedRange<UInt8>) -> [Expression] {
        [.payload(.init(.transport, offset: 0, length: 1)),
         .compare(.init(.one, .greaterOrEqual, [range.lowerBound])), .compare(.init(.one, .lessOrEqual, [range.upperBound]))]
    }

    /// `ct state S1,S2` (`NF_CT_STATE_*` bits) or `ct status S` (`IPS_*` bits): any bit set.
    static func conntrack(_ key: Expression.Conntrack.Key, anyOf bits: UInt32) -> [Expression] {
        // Conntrack values are host-endian 32-bit words in the register.
        let mask = withUnsafeBytes(of: bits) { Array($0) }
        return [.conntrack(.init(key)), .bitwise(.init(mask: mask)), .compare(.init(.one, .notEqual, [0, 0, 0, 0]))]
    }

    /// `tcp flags & (fin|syn|rst|ack) == syn`: a new connection attempt.
    static func tcpSyn() -> [Expression] {
        transport(.tcp) + [.payload(.init(.transport, offset: 13, length: 1)), .bitwise(.init(mask: [0x17])),
                           .compare(.init(.one, .equal, [0x02]))]
    }

    static func bigEndian(_ value: UInt16) -> [UInt8] { [UInt8(value >> 8), UInt8(value & 0xFF)] }

    static let established: UInt32 = 0x2, related: UInt32 = 0x4, invalid: UInt32 = 0x1
    /// `IPS_DST_NAT`: the connection was destination-NATed (a port forward).
    static let destinationNAT: UInt32 = 0x20
}
