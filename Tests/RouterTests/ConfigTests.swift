import Foundation
import KilnTestSupport
import Router
import Testing

/// router.toml parsing and validation: the model a good config yields, and for each kind of
/// mistake an error that names the file, the line and the key.
@Suite struct ConfigTests {
    @Test func homeConfigParsesIntoTheModel() throws {
        let config = try RouterConfig.parse(RouterFixtures.home, file: "router.toml", directory: ".")
        #expect(config.zones.map(\.name) == ["wan", "lan"])
        let wan = try #require(config.zone(named: "wan"))
        #expect(wan.interfaces == ["wan0"])
        #expect(wan.input == .drop)
        #expect(wan.sourceTranslation == .masquerade)
        #expect(wan.synFlood == RateLimit(rate: 25, per: .second))
        #expect(config.forwardings.map { "\($0.from)>\($0.to)" } == ["lan>wan"])
        let web = try #require(config.portForwards.first)
        #expect(web.ports == PortRange(8080))
        #expect(web.address.description == "192.168.1.100")
        #expect(web.port == 80)
        #expect(web.line == 17)
        #expect(config.sets.first?.ranges.description == "198.18.0.0-198.19.255.255, 203.0.113.7")
        #expect(config.rules.map(\.name) == ["block-listed", "ping"])
        #expect(config.rules[1].icmpType == 8)
        #expect(config.rules[1].limit == RateLimit(rate: 10, per: .second))
        #expect(config.rules[0].line == 28)
    }

    @Test func setElementsComeFromAFileOfManyLines() throws {
        let directory = try TemporaryDirectory(prefix: "kiln-router")
        defer { directory.remove() }
        let lines = (0..<100_000).map { "10.\($0 / 65536).\($0 / 256 % 256).\($0 % 256)" }
        let path = try RouterFixtures.write("""
            [sets.many]
            type = "ipv4"
            file = "many.txt"
            """, files: ["many.txt": "# generated\n\n" + lines.joined(separator: "\n") + "\n"], in: directory)
        let config = try RouterConfig.load(path: path)
        // 100,000 consecutive addresses merge into one range.
        #expect(config.sets[0].ranges == .ipv4([0x0A00_0000...0x0A01_869F]))
        #expect(config.sets[0].ranges.description == "10.0.0.0-10.1.134.159")
    }

    @Test func badLineInAnElementFileIsNamed() throws {
        let directory = try TemporaryDirectory(prefix: "kiln-router")
        defer { directory.remove() }
        let path = try RouterFixtures.write("[sets.b]\ntype = \"ipv4\"\nfile = \"b.txt\"\n",
                                            files: ["b.txt": "10.0.0.0/8\n# ok\n10.0.0.0/33\n"], in: directory)
        let error = try #require(throws: RouterError.self) { try RouterConfig.load(path: path) }
        #expect(error.description.hasPrefix("b.txt:3: sets.b.file: '10.0.0.0/33': prefix length"))
    }

    /// Each case: a config, the line and key the error must name, and a phrase of its message.
    static let badConfigs: [(name: String, text: String, line: Int, subject: String?, phrase: String)] = [
        ("toml syntax", "[zones.wan\n", 1, nil, "expected"),
        ("unknown top-level key", "\n\nfirewall = 1\n", 3, "firewall", "unknown key"),
        ("unknown zone key", "[zones.wan]\ninterfaces = [\"a\"]\npolicy = \"drop\"\n", 3, "zones.wan.policy", "unknown key"),
        ("missing interfaces", "[zones.wan]\ninput = \"drop\"\n", 1, "zones.wan.interfaces", "missing required key"),
        ("empty interfaces", "[zones.wan]\ninterfaces = []\n", 2, "zones.wan.interfaces", "at least one interface"),
        ("bad policy", "[zones.wan]\ninterfaces = [\"a\"]\ninput = \"allow\"\n", 3, "zones.wan.input", "unknown value 'allow'"),
        ("interface in two zones", "[zones.a]\ninterfaces = [\"eth0\"]\n[zones.b]\ninterfaces = [\"eth0\"]\n", 3,
         "zones.b.interfaces", "already in zone 'a'"),
        ("masquerade and snat", "[zones.w]\ninterfaces = [\"a\"]\nmasquerade = true\nsnat = \"1.2.3.4\"\n", 4,
         "zones.w.snat", "not both"),
        ("snat not an address", "[zones.w]\ninterfaces = [\"a\"]\nsnat = \"1.2.3\"\n", 3, "zones.w.snat", "not an IP"),
        ("wrong value type", "[zones.w]\ninterfaces = [\"a\"]\nmasquerade = \"yes\"\n", 3, "zones.w.masquerade",
         "expected true or false, found string"),
        ("syn-flood on non-wan zone", "[zones.w]\ninterfaces = [\"a\"]\nsyn-flood = \"5/second\"\n", 3,
         "zones.w.syn-flood", "wan = true"),
        ("forwarding to unknown zone", "[zones.a]\ninterfaces = [\"x\"]\n[[forwardings]]\nfrom = \"a\"\nto = \"b\"\n", 3,
         "forwardings[0].to", "unknown zone 'b'"),
        ("forwarding to itself", "[zones.a]\ninterfaces = [\"x\"]\n[[forwardings]]\nfrom = \"a\"\nto = \"a\"\n", 5,
         "forwardings[0].to", "not to 'a' itself"),
        ("port out of range", pf("port = 70000"), 5, "port-forwards[0].port", "70000 is out of range"),
        ("port range reversed", pf("port = \"90-80\""), 5, "port-forwards[0].port", "ends before it starts"),
        ("port not a number", pf("port = \"http\""), 5, "port-forwards[0].port", "not a port"),
        ("bad forward target", pf("port = 80", to: "192.168.1.300:80"), 6, "port-forwards[0].to", "not an IPv4 address"),
        ("range with target port", pf("port = \"80-90\"", to: "10.0.0.1:80"), 6, "port-forwards[0].to", "keeps its ports"),
        ("port forward in unknown zone", pf("port = 80", zone: "dmz"), 3, "port-forwards[0].zone", "unknown zone 'dmz'"),
        ("bad proto", pf("port = 80\nproto = \"sctp\""), 6, "port-forwards[0].proto", "unknown value 'sctp'"),
        ("duplicate port forward", pf("port = 80") + "\n[[port-forwards]]\nname = \"web\"\nzone = \"w\"\nport = 81\nto = \"10.0.0.1\"\n",
         9, "port-forwards[1].name", "duplicate port forward name 'web'"),
        ("bad set type", "[sets.s]\ntype = \"mac\"\n", 2, "sets.s.type", "unknown set type"),
        ("bad prefix", "[sets.s]\ntype = \"ipv4\"\nelements = [\"10.0.0.0/33\"]\n", 3, "sets.s.elements", "prefix length"),
        ("host bits set", "[sets.s]\ntype = \"ipv4\"\nelements = [\"10.0.0.1/8\"]\n", 3, "sets.s.elements", "host bits set"),
        ("wrong family element", "[sets.s]\ntype = \"ipv6\"\nelements = [\"10.0.0.0/8\"]\n", 3, "sets.s.elements", "not ipv6"),
        ("missing element file", "[sets.s]\ntype = \"ipv4\"\nfile = \"nope.txt\"\n", 3, "sets.s.file", "cannot read"),
        ("set referenced but missing", rule("source-set = \"gone\""), 1, "rules[0].source-set", "not defined"),
        ("duplicate rule name", rule("") + "\n" + rule(""), 6, "rules[1].name", "duplicate rule name 'r'"),
        ("missing action", "[[rules]]\nname = \"r\"\n", 1, "rules[0].action", "missing required key"),
        ("port without protocol", rule("port = 22"), 4, "rules[0].port", "needs proto"),
        ("icmp-type without icmp", rule("proto = \"tcp\"\nicmp-type = \"echo-request\""), 5, "rules[0].icmp-type", "needs proto"),
        ("unknown icmp type", rule("proto = \"icmp\"\nicmp-type = \"ping\""), 5, "rules[0].icmp-type", "unknown icmp type 'ping'"),
        ("bad limit", rule("limit = \"10/fortnight\""), 4, "rules[0].limit", "not a rate"),
        ("rule in unknown zone", rule("zone = \"dmz\""), 1, "rules[0].zone", "unknown zone 'dmz'"),
        ("mixed address families", rule("source = \"10.0.0.0/8\"\ndestination = \"2001:db8::/32\""), 1, "rules[0].source", "mixes IPv4 and IPv6"),
        ("set family mismatch", "[sets.v6]\ntype = \"ipv6\"\n" + rule("source-set = \"v6\"\nsource = \"10.0.0.0/8\""), 3,
         "rules[0].source-set", "holds ipv6"),
        ("bad rule name", "[[rules]]\nname = \"has space\"\naction = \"drop\"\n", 2, "rules[0].name", "letters, digits"),
        ("log prefix too long", rule("log-prefix = \"\(String(repeating: "x", count: 200))\""), 4, "rules[0].log-prefix", "127 bytes"),
    ]

    static func pf(_ extra: String, to target: String = "10.0.0.1:80", zone: String = "w") -> String {
        "[zones.w]\ninterfaces = [\"a\"]\n[[port-forwards]]\nname = \"web\"\n\(extra)\nto = \"\(target)\"\nzone = \"\(zone)\"\n"
    }

    static func rule(_ extra: String) -> String { "[[rules]]\nname = \"r\"\naction = \"drop\"\n\(extra)\n" }

    @Test(arguments: badConfigs.indices)
    func badConfigNamesFileLineAndKey(index: Int) throws {
        let bad = Self.badConfigs[index]
        let error = try #require(throws: RouterError.self, "\(bad.name)") {
            try RouterConfig.parse(bad.text, file: "router.toml", directory: "/nonexistent")
        }
        #expect(error.file == "router.toml", "\(bad.name)")
        #expect(error.line == bad.line, "\(bad.name): \(error)")
        #expect(error.subject == bad.subject, "\(bad.name): \(error)")
        #expect(error.message.contains(bad.phrase), "\(bad.name): \(error)")
        #expect(error.description.hasPrefix("router.toml:\(bad.line): "), "\(bad.name)")
    }

    @Test func prefixesBecomeRangesOfIntegerKeys() throws {
        #expect(try IPPrefix(parsing: "198.18.0.0/15").range(as: UInt32.self) == 0xC612_0000...0xC613_FFFF)
        #expect(try IPPrefix(parsing: "203.0.113.7").range(as: UInt32.self) == 0xCB00_7107...0xCB00_7107)
        #expect(try IPPrefix(parsing: "0.0.0.0/0").range(as: UInt32.self) == 0...UInt32.max)
        let v6 = try IPPrefix(parsing: "2001:db8::/32").range(as: UInt128.self)
        #expect(v6.lowerBound == UInt128(0x2001_0db8) << 96 && v6.upperBound == (UInt128(0x2001_0db8) << 96) | (UInt128(1) << 96 - 1))
    }

    @Test func flowOffloadingAddsAFlowtableOverEveryZoneInterfaceAndOffloadRulesFirst() throws {
        let config = try RouterConfig.parse("[defaults]\nflow-offloading = true\n\n" + RouterFixtures.home,
                                            file: "router.toml", directory: "/")
        #expect(config.flowOffloading == .software)
        let ruleset = Ruleset(config: config)
        let flowtable = try #require(ruleset.flowtables.first?.flowtable)
        #expect(flowtable.name == "ft" && flowtable.devices == ["lan0", "wan0"] && !flowtable.hardwareOffload)
        #expect(ruleset.flowtables.first?.origin.line == 1)
        let forward = ruleset.rules(in: "forward").map(\.rule)
        #expect(forward.count > 2)
        #expect(forward.prefix(2).map { $0.comment.map(KernelRuleset.ruleName) } == ["flow-offload-tcp", "flow-offload-udp"])
        #expect(forward.prefix(2).map(\.expressions.last) == [.flowOffload(.init(flowtable: "ft")), .flowOffload(.init(flowtable: "ft"))])
        let hardware = try RouterConfig.parse("[defaults]\nflow-offloading = true\nflow-offloading-hardware = true\n" + RouterFixtures.home,
                                              file: "router.toml", directory: "/")
        #expect(Ruleset(config: hardware).flowtables.first?.flowtable.hardwareOffload == true)
        #expect(Ruleset(config: try RouterConfig.parse(RouterFixtures.home, file: "router.toml", directory: "/")).flowtables.isEmpty)
    }

    @Test func flowOffloadingMistakesAreNamed() throws {
        for (text, key) in [("[defaults]\nflow-offloading-hardware = true\n", "defaults.flow-offloading-hardware"),
                            ("[defaults]\nflow-offload = true\n", "defaults.flow-offload"),
                            ("[defaults]\nflow-offloading = \"yes\"\n", "defaults.flow-offloading")] {
            let error = try #require(throws: RouterError.self) { try RouterConfig.parse(text, file: "router.toml", directory: "/") }
            #expect(error.subject == key, "\(error)")
            #expect(error.line == 2, "\(error)")
        }
    }

    @Test func everyMistakeOfAConfigIsReportedInOneRun() throws {
        let text = """
            [zones.wan]
            interfaces = ["eth0"]
            input = "maybe"

            [[port-forwards]]
            name = "web"
            zone = "wan"
            port = 70000
            to = "192.168.1.100:80"

            [[rules]]
            name = "r"
            action = "drop"
            colour = "blue"
            """
        let error = try #require(throws: RouterError.self) { try RouterConfig.parse(text, file: "router.toml", directory: "/") }
        #expect([error.line] + error.others.map(\.line) == [3, 8, 14], "\(error)")
        #expect(error.description.split(separator: "\n").count == 3)
        #expect(error.others.map(\.subject) == ["port-forwards[0].port", "rules[0].colour"])
    }

    @Test func everyBrokenReferenceIsReportedInOneRun() throws {
        let text = """
            [zones.lan]
            interfaces = ["lan0"]

            [[forwardings]]
            from = "lan"
            to = "wan"

            [[rules]]
            name = "a"
            zone = "dmz"
            action = "drop"

            [[rules]]
            name = "a"
            source-set = "nothing"
            action = "drop"
            """
        let error = try #require(throws: RouterError.self) { try RouterConfig.parse(text, file: "router.toml", directory: "/") }
        let all = [error] + error.others
        #expect(all.map(\.line) == [4, 8, 13, 13], "\(error)")
        #expect(all.map(\.subject) == ["forwardings[0].to", "rules[0].zone", "rules[1].name", "rules[1].source-set"])
    }
}
