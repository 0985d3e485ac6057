import TOML

/// Decodes one `[[rules]]` table.
struct RuleDecoder {
    static let keys = ["name", "zone", "direction", "proto", "port", "source", "destination", "source-set",
                       "destination-set", "icmp-type", "limit", "counter", "log-prefix", "action"]

    func decode(_ reader: ConfigReader) throws(RouterError) -> FilterRule {
        try reader.rejectUnknownKeys(Self.keys)
        let name = try reader.string("name", required: true)!
        try ConfigDecoder.checkName(name, reader: reader, key: "name")
        let proto = try reader.choice("proto", TransportProtocol.self)
        var rule = FilterRule(
            name: name, zone: try reader.string("zone"),
            direction: try reader.choice("direction", FilterRule.Direction.self) ?? .input, proto: proto,
            sourceSet: try reader.string("source-set"), destinationSet: try reader.string("destination-set"),
            counter: try reader.boolean("counter") ?? false, logPrefix: try reader.string("log-prefix"),
            action: try reader.choice("action", FilterRule.Action.self, required: true)!, line: reader.line)
        if let port = try reader.raw("port") {
            guard proto?.hasPorts == true else { throw reader.error("port", "a port needs proto = \"tcp\" or \"udp\"") }
            rule.ports = try reader.located("port", PortRange.parse(port))
        }
        rule.source = try prefix("source", reader)
        rule.destination = try prefix("destination", reader)
        if let type = try reader.raw("icmp-type") { rule.icmpType = try icmpType(type, proto: proto, reader: reader) }
        if let limit = try reader.string("limit") { rule.limit = try reader.located("limit", RateLimit.parse(limit)) }
        if let prefix = rule.logPrefix, prefix.utf8.count > 127 {
            throw reader.error("log-prefix", "a log prefix has at most 127 bytes")
        }
        if rule.action == .reject, rule.direction == .output {
            throw reader.error("action", "reject is for traffic into or through the router; use drop on output")
        }
        return rule
    }

    private func prefix(_ key: String, _ reader: ConfigReader) throws(RouterError) -> IPPrefix? {
        guard let text = try reader.string(key) else { return nil }
        return try reader.located(key, ConfigDecoder.prefix(text))
    }

    private func icmpType(_ value: TOMLValue, proto: TransportProtocol?, reader: ConfigReader) throws(RouterError) -> UInt8 {
        guard let proto, proto == .icmp || proto == .icmpv6 else {
            throw reader.error("icmp-type", "icmp-type needs proto = \"icmp\" or \"icmpv6\"")
        }
        switch value {
        case .integer(let number) where (0...255).contains(number):
            return UInt8(number)
        case .string(let name):
            let names = proto == .icmp ? ICMPTypeNames.icmp : ICMPTypeNames.icmpv6
            if let number = names[name] { return number }
            throw reader.error("icmp-type", "unknown \(proto.rawValue) type '\(name)' (known: \(names.keys.sorted().joined(separator: ", ")))")
        default:
            throw reader.error("icmp-type", "expected a type name or a number 0-255")
        }
    }
}
