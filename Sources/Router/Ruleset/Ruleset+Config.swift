import Netfilter

extension Ruleset {
    /// The ruleset a config asks for: router defaults, zone chains, NAT, sets and user rules.
    ///
    /// Base chains: `input` and `forward` drop what no rule accepts (established/related
    /// accepted, invalid dropped first); `output` accepts; `prerouting`/`postrouting` do NAT.
    /// Each zone gets `input_ZONE` and `forward_ZONE`, reached by interface, ending in its policy,
    /// and `dstnat_ZONE` for its port forwards, reached from `prerouting` while it has any. Every
    /// zone has all three, so the chains depend only on the zones: a zone's first or last port
    /// forward changes rules in place instead of rebuilding the table (and re-sending its sets).
    ///
    /// `setRanges` replaces the ranges computed from the config's prefixes (a recorded state
    /// keeps its sets as ranges, which load much faster than 100,000 prefixes).
    public init(config: RouterConfig, setRanges: [String: AddressRanges]? = nil) {
        let table = Table(family: KilnTable.family, name: KilnTable.name)
        var builder = RulesetBuilder(table: table)
        for zone in config.zones {
            builder.chain("input_\(zone.name)")
            builder.chain("forward_\(zone.name)")
            builder.chain(RulesetContent.destinationNATChain(zone))
        }
        builder.chain("input", base: .init(hook: .input, priority: 0, policy: .drop))
        builder.chain("forward", base: .init(hook: .forward, priority: 0, policy: .drop))
        builder.chain("output", base: .init(hook: .output, priority: 0, policy: .accept))
        builder.chain("prerouting", base: .init(hook: .prerouting, kind: .nat, priority: -100, policy: .accept))
        builder.chain("postrouting", base: .init(hook: .postrouting, kind: .nat, priority: 100, policy: .accept))
        var content = RulesetContent(config: config, builder: builder)
        content.build()
        self.table = table
        chains = content.builder.chains
        rules = content.builder.rules
        if let offloading = config.flowOffloading {
            let devices = Array(Set(config.zones.flatMap(\.interfaces))).sorted()
            flowtables = [FlowtableEntry(flowtable: Flowtable(family: table.family, table: table.name, name: Self.flowtableName,
                                                              devices: devices, hardwareOffload: offloading == .hardware),
                                         origin: Origin(Self.flowOffloadingSubject, line: config.defaultsLine))]
        }
        sets = config.sets.map { set in
            SetContents(set: NamedSet(family: table.family, table: table.name, name: set.name,
                                      keyType: set.version == .ipv4 ? .ipv4Address : .ipv6Address),
                        ranges: setRanges?[set.name] ?? set.ranges, origin: Origin("set '\(set.name)'", line: set.line))
        }
    }
}
