import Netfilter

/// Fills the chains of a ruleset from a config, in the order the kernel evaluates them.
struct RulesetContent {
    let config: RouterConfig
    var builder: RulesetBuilder

    static let defaults = Ruleset.Origin("router default")

    mutating func build() {
        inputChain()
        forwardChain()
        outputChain()
        for zone in config.zones { zoneChains(zone) }
        natChains()
    }

    private mutating func connectionState(_ chain: String) {
        builder.rule(chain, "established", Match.conntrack(.state, anyOf: Match.established | Match.related)
                     + [.verdict(.accept)], origin: Self.defaults)
        builder.rule(chain, "invalid", Match.conntrack(.state, anyOf: Match.invalid) + [.verdict(.drop)], origin: Self.defaults)
    }

    private mutating func inputChain() {
        builder.rule("input", "loopback", Match.interface("lo", input: true) + [.verdict(.accept)], origin: Self.defaults)
        connectionState("input")
        // Without these IPv6 stops working: neighbour discovery, router adverts, path MTU, errors.
        let icmpv6 = Match.family(.ipv6) + Match.transport(.icmpv6)
        builder.rule("input", "icmpv6-errors", icmpv6 + Match.icmpTypes(1...4) + [.verdict(.accept)], origin: Self.defaults)
        builder.rule("input", "icmpv6-echo", icmpv6 + Match.icmpType(128) + [.verdict(.accept)], origin: Self.defaults)
        builder.rule("input", "icmpv6-nd", icmpv6 + Match.icmpTypes(133...136) + [.verdict(.accept)], origin: Self.defaults)
        for zone in config.zones {
            guard let limit = zone.synFlood else { continue }
            for interface in zone.interfaces {
                let expressions = Match.interface(interface, input: true) + Match.tcpSyn()
                    + [.limit(.init(rate: limit.rate, per: limit.unit, burst: UInt32(clamping: limit.rate * 2), over: true)),
                       .counter(.init()), .verdict(.drop)]
                builder.rule("input", "syn-flood-\(interface)", expressions, origin: .init("zone '\(zone.name)'", line: zone.line))
            }
        }
        userRules(direction: .input, zone: nil, chain: "input")
        jumps(from: "input", prefix: "input_", input: true)
    }

    private mutating func forwardChain() {
        if config.flowOffloading != nil {
            // First in forward, as in OpenWrt's fw4: established TCP/UDP connections move to the
            // flowtable; the kernel itself waits until a connection is established both ways.
            for proto in [TransportProtocol.tcp, .udp] {
                builder.rule("forward", "flow-offload-\(proto.rawValue)",
                             Match.transport(proto) + [.flowOffload(.init(flowtable: Ruleset.flowtableName))],
                             origin: .init(Ruleset.flowOffloadingSubject, line: config.defaultsLine))
            }
        }
        connectionState("forward")
        userRules(direction: .forward, zone: nil, chain: "forward")
        jumps(from: "forward", prefix: "forward_", input: true)
    }

    private mutating func outputChain() {
        builder.rule("output", "loopback", Match.interface("lo", input: false) + [.verdict(.accept)], origin: Self.defaults)
        userRules(direction: .output, zone: nil, chain: "output")
        for zone in config.zones { userRules(direction: .output, zone: zone, chain: "output") }
    }

    private mutating func jumps(from chain: String, prefix: String, input: Bool) {
        for zone in config.zones {
            for interface in zone.interfaces {
                builder.rule(chain, "zone-\(zone.name)-\(interface)",
                             Match.interface(interface, input: input) + [.verdict(.jump(prefix + zone.name))],
                             origin: .init("zone '\(zone.name)'", line: zone.line))
            }
        }
    }

    private mutating func zoneChains(_ zone: Zone) {
        let origin = Ruleset.Origin("zone '\(zone.name)'", line: zone.line)
        userRules(direction: .input, zone: zone, chain: "input_\(zone.name)")
        builder.rule("input_\(zone.name)", "policy", [.counter(.init())] + RulesetBuilder.verdict(zone.input), origin: origin)
        let chain = "forward_\(zone.name)"
        userRules(direction: .forward, zone: zone, chain: chain)
        if config.portForwards.contains(where: { $0.zone == zone.name }) {
            builder.rule(chain, "port-forwards", Match.conntrack(.status, anyOf: Match.destinationNAT)
                         + [.counter(.init()), .verdict(.accept)], origin: origin)
        }
        for forwarding in config.forwardings where forwarding.from == zone.name {
            guard let target = config.zone(named: forwarding.to) else { continue }
            for interface in target.interfaces {
                builder.rule(chain, "to-\(target.name)-\(interface)",
                             Match.interface(interface, input: false) + [.counter(.init()), .verdict(.accept)],
                             origin: .init("forwarding \(zone.name) to \(target.name)", line: forwarding.line))
            }
        }
        builder.rule(chain, "policy", [.counter(.init())] + RulesetBuilder.verdict(zone.forward), origin: origin)
    }
}
