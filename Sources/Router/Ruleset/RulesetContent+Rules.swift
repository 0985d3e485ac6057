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

    /// Port forwards (DNAT) in `prerouting`, masquerade and SNAT in `postrouting`.
    mutating func natChains() {
        for forward in config.portForwards {
            guard let zone = config.zone(named: forward.zone) else { continue }
            for proto in forward.proto.protocols {
                for interface in zone.interfaces {
                    builder.rule("prerouting", "\(forward.name)-\(proto.rawValue)-\(interface)",
                                 destinationNAT(forward, proto: proto, interface: interface),
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

    private func destinationNAT(_ forward: PortForward, proto: TransportProtocol, interface: String) -> [Expression] {
        var expressions = Match.interface(interface, input: true) + Match.family(.ipv4)
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
