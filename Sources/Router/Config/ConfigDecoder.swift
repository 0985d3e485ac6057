import TOML

/// Turns router.toml's tables into the config model, checking each value on its own;
/// cross-references (zones, sets) are `ConfigValidator`'s job.
struct ConfigDecoder {
    let file: String
    let directory: String
    var readsElementFiles = true

    static let topLevelKeys = ["defaults", "zones", "forwardings", "port-forwards", "sets", "rules"]

    /// Decodes every item; an item with a mistake is left out and its problem collected, so one
    /// run reports the first mistake of every item.
    func decode(_ root: ConfigReader, problems: inout [RouterError]) -> RouterConfig {
        func collect<T>(_ body: () throws(RouterError) -> T) -> T? {
            do { return try body() } catch { problems.append(error); return nil }
        }
        _ = collect { () throws(RouterError) in try root.rejectUnknownKeys(Self.topLevelKeys) }
        let setDecoder = SetDecoder(file: file, directory: directory, readsElementFiles: readsElementFiles)
        let zones = (collect { () throws(RouterError) in try root.namedTables("zones") } ?? [])
            .compactMap { item in collect { () throws(RouterError) in try zone(item.0, item.1) } }
        let forwardings = (collect { () throws(RouterError) in try root.tableArray("forwardings") } ?? [])
            .compactMap { reader in collect { () throws(RouterError) in try forwarding(reader) } }
        let portForwards = (collect { () throws(RouterError) in try root.tableArray("port-forwards") } ?? [])
            .compactMap { reader in collect { () throws(RouterError) in try portForward(reader) } }
        let sets = (collect { () throws(RouterError) in try root.namedTables("sets") } ?? [])
            .compactMap { item in collect { () throws(RouterError) in try setDecoder.decode(item.0, item.1) } }
        let rules = (collect { () throws(RouterError) in try root.tableArray("rules") } ?? [])
            .compactMap { reader in collect { () throws(RouterError) in try RuleDecoder().decode(reader) } }
        var config = RouterConfig(file: file, zones: zones, forwardings: forwardings, portForwards: portForwards,
                                  sets: sets, rules: rules)
        if let defaults = collect({ () throws(RouterError) in try root.table("defaults") }) ?? nil {
            config.defaultsLine = defaults.line
            config.flowOffloading = collect { () throws(RouterError) in try Self.flowOffloading(defaults) } ?? nil
        }
        return config
    }

    /// `[defaults]`: `flow-offloading = true`, and `flow-offloading-hardware = true` to ask the cards too.
    private static func flowOffloading(_ reader: ConfigReader) throws(RouterError) -> FlowOffloading? {
        try reader.rejectUnknownKeys(["flow-offloading", "flow-offloading-hardware"])
        let hardware = try reader.boolean("flow-offloading-hardware") ?? false
        guard try reader.boolean("flow-offloading") == true else {
            if hardware { throw reader.error("flow-offloading-hardware", "needs flow-offloading = true") }
            return nil
        }
        return hardware ? .hardware : .software
    }

    private func zone(_ name: String, _ reader: ConfigReader) throws(RouterError) -> Zone {
        try reader.rejectUnknownKeys(["interfaces", "input", "forward", "masquerade", "snat", "wan", "syn-flood"])
        try Self.checkName(name, reader: reader)
        guard let interfaces = try reader.strings("interfaces", required: true), !interfaces.isEmpty else {
            throw reader.error("interfaces", "a zone needs at least one interface")
        }
        for interface in interfaces where interface.utf8.count > 15 {
            throw reader.error("interfaces", "interface name '\(interface)' is longer than 15 bytes")
        }
        var translation: Zone.SourceTranslation? = try reader.boolean("masquerade") == true ? .masquerade : nil
        if let snat = try reader.string("snat") {
            if translation != nil { throw reader.error("snat", "a zone has either masquerade or snat, not both") }
            let address = try reader.located("snat", Self.prefix(snat))
            guard address.version == .ipv4, address.length == 32 else {
                throw reader.error("snat", "snat needs one IPv4 address, not '\(snat)'")
            }
            translation = .snat(address)
        }
        let isWAN = try reader.boolean("wan") ?? false
        var synFlood: RateLimit? = isWAN ? RateLimit(rate: 25, per: .second) : nil
        if let text = try reader.string("syn-flood") {
            guard isWAN else { throw reader.error("syn-flood", "syn-flood limiting applies to zones with wan = true") }
            synFlood = try reader.located("syn-flood", RateLimit.parse(text))
        }
        return Zone(name: name, interfaces: interfaces, input: try reader.choice("input", Zone.Policy.self) ?? .drop,
                    forward: try reader.choice("forward", Zone.Policy.self) ?? .drop, sourceTranslation: translation,
                    isWAN: isWAN, synFlood: synFlood, line: reader.line)
    }

    private func forwarding(_ reader: ConfigReader) throws(RouterError) -> Forwarding {
        try reader.rejectUnknownKeys(["from", "to"])
        let from = try reader.string("from", required: true)!, to = try reader.string("to", required: true)!
        if from == to { throw reader.error("to", "a forwarding goes from one zone to another, not to '\(to)' itself") }
        return Forwarding(from: from, to: to, line: reader.line)
    }

    private func portForward(_ reader: ConfigReader) throws(RouterError) -> PortForward {
        try reader.rejectUnknownKeys(["name", "zone", "proto", "port", "to", "source"])
        let name = try reader.string("name", required: true)!
        try Self.checkName(name, reader: reader, key: "name")
        let ports = try reader.located("port", PortRange.parse(try reader.raw("port", required: true)!))
        let target = try reader.string("to", required: true)!
        let (address, port) = try reader.located("to", Self.hostAndPort(target))
        if port != nil, !ports.isSingle {
            throw reader.error("to", "a port range keeps its ports: write the address without ':PORT'")
        }
        let source = try reader.string("source").map { (text) throws(RouterError) in try reader.located("source", Self.prefix(text)) }
        if let source, source.version != .ipv4 { throw reader.error("source", "port forwards are IPv4; '\(source)' is IPv6") }
        return PortForward(name: name, zone: try reader.string("zone", required: true)!,
                           proto: try reader.choice("proto", PortForwardProtocol.self) ?? .tcp, ports: ports,
                           address: address, port: port, source: source, line: reader.line)
    }

    static func prefix(_ text: String) -> Result<IPPrefix, ConfigProblem> {
        do throws(PrefixError) { return .success(try IPPrefix(parsing: text)) } catch { return .failure(ConfigProblem(error.message)) }
    }

    /// `192.168.1.100:80` or `192.168.1.100`.
    static func hostAndPort(_ text: String) -> Result<(IPPrefix, UInt16?), ConfigProblem> {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count <= 2, case .success(let address) = prefix(String(parts[0])),
              address.version == .ipv4, address.length == 32 else {
            return .failure(ConfigProblem("'\(text)' is not an IPv4 address with an optional port (\"192.168.1.100:80\")"))
        }
        guard parts.count == 2 else { return .success((address, nil)) }
        guard let port = UInt16(parts[1]), port > 0 else { return .failure(ConfigProblem("port '\(parts[1])' in '\(text)' is out of range (1-65535)")) }
        return .success((address, port))
    }

    /// Names become chain names and rule comments: short, and safe in `nft` listings.
    static func checkName(_ name: String, reader: ConfigReader, key: String? = nil) throws(RouterError) {
        let allowed = name.utf8.allSatisfy { $0.isASCIIAlphanumeric || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") }
        guard allowed, (1...32).contains(name.utf8.count) else {
            let message = "name '\(name)' must be 1-32 letters, digits, '-' or '_'"
            throw key.map { reader.error($0, message) } ?? reader.error(message)
        }
    }
}

extension UInt8 {
    var isASCIIAlphanumeric: Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(self) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(self)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(self)
    }
}
