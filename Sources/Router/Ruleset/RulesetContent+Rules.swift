import Netfilter

extension RulesetContent {
    /// The config's rules for one direction and zone (`nil`: rules without a zone).
    mutating func userRules(direction: FilterRule.Direction, zone: Zone?, chain: String) {
        for rule in config.rules where rule.direction == direction && rule.zone == zone?.name {
            let origin = Ruleset.Origin("rule '\(rule.name)'", line: rule.line)
            let body = expressions(for: rule)
            // Output rules of a zone match its interfaces; input and forward rules sit in the zone's chain.
            if direction == .output, let zone {
                for interface in zone.interfaces {
                    builder.rule(chain, "\(rule.name)-\(interface)", Match.interface(interface, input: false) + body, origin: origin)
                }
            } else {
                builder.rule(chain, rule.name, body, origin: origin)
            }
        }
    }

    func expressions(for rule: FilterRule) -> [Expression] {
        var result: [Expression] = []
        if let proto = rule.proto { result += Match.transport(proto) }
        if let source = rule.source { result += Match.address(source, source: true) }
        if let destination = rule.destination { result += Match.address(destination, source: false) }
        if let name = rule.sourceSet, let set = config.set(named: name) { result += Match.address(in: set, source: true) }
        if let name = rule.destinationSet, let set = config.set(named: name) { result += Match.address(in: set, source: false) }
        if let ports = rule.ports { result += Match.destinationPort(ports) }
        if let type = rule.icmpType { result += Match.icmpType(type) }
        if let limit = rule.limit { result.append(.limit(.init(rate: limit.rate, per: limit.unit))) }
        if rule.counter { result.append(.counter(.init())) }
        if let prefix = rule.logPrefix { result.append(.log(.init(prefix: prefix))) }
        switch rule.action {
        case .accept: result.append(.verdict(.accept))
        case .drop: result.append(.verdict(.drop))
        case .reject: result.append(.reject(.portUnreachable))
        }
        return result
    }

    /// Port forwards (DNAT) in `dstnat_ZONE`, reached from `prerouting` by the zone's interfaces
    /// for IPv4 (as OpenWrt's fw4 dispatches them); masquerade and SNAT in `postrouting`.
    ///
    /// A forward's own rule then matches only its protocol, ports and source: a home router's 20
    /// forwards are 80 expressions fewer than with the interface and family in every rule, which
    /// the kernel looks up one by one at every apply and evaluates for every new connection.
    mutating func natChains() {
        for zone in config.zones where Self.hasPortForwards(zone, in: config) {
            let origin = Ruleset.Origin("zone '\(zone.name)'", line: zone.line)
            for interface in zone.interfaces {
                builder.rule("prerouting", "zone-\(zone.name)-\(interface)",
                             Match.interface(interface, input: true) + Match.family(.ipv4)
                                 + [.verdict(.jump(Self.destinationNATChain(zone)))], origin: origin)
            }
            for forward in config.portForwards where forward.zone == zone.name {
                for proto in forward.proto.protocols {
                    builder.rule(Self.destinationNATChain(zone), "\(forward.name)-\(proto.rawValue)",
                                 destinationNAT(forward, proto: proto),
                                 origin: .init("port forward '\(forward.name)'", line: forward.line))
                }
            }
        }
        for zone in config.zones {
            guard let translation = zone.sourceTranslation else { continue }
            for interface in zone.interfaces {
                var expressions = Match.interface(interface, input: false) + Match.family(.ipv4) + [.counter(.init())]
                switch translation {
                case .masquerade:
                    expressions.append(.masquerade(.init()))
                case .snat(let address):
                    expressions += [.immediate(.init(address.address, into: .one)),
                                    .nat(.init(.snat, family: .ipv4, address: .one))]
                }
                builder.rule("postrouting", "source-nat-\(interface)", expressions,
                             origin: .init("zone '\(zone.name)'", line: zone.line))
            }
        }
    }

    static func hasPortForwards(_ zone: Zone, in config: RouterConfig) -> Bool {
        config.portForwards.contains { $0.zone == zone.name }
    }

    static func destinationNATChain(_ zone: Zone) -> String { "dstnat_\(zone.name)" }

    /// One forward's rule in its zone's `dstnat_ZONE`, which only IPv4 from the zone reaches.
    private func destinationNAT(_ forward: PortForward, proto: TransportProtocol) -> [Expression] {
        var expressions: [Expression] = []
        if let source = forward.source { expressions += Match.address(source, source: true) }
        expressions += Match.transport(proto) + Match.destinationPort(forward.ports) + [.counter(.init())]
        expressions.append(.immediate(.init(forward.address.address, into: .one)))
        if let port = forward.port {
            expressions += [.immediate(.init(Match.bigEndian(port), into: .two)),
                            .nat(.init(.dnat, family: .ipv4, address: .one, port: .two))]
        } else {
            expressions.append(.nat(.init(.dnat, family: .ipv4, address: .one)))
        }
        return expressions
    }
}
