import Foundation
import KilnTestSupport
import Netfilter
import Router
import Testing

/// Applying configs to the kernel of a fresh network namespace, checked with `nft -j`.
@Suite(.requiresRoot) struct ApplyTests {
    static func config(_ text: String = RouterFixtures.home) throws -> RouterConfig {
        try RouterConfig.parse(text, file: "router.toml", directory: "/nonexistent")
    }

    @Test func homeConfigBuildsTheExpectedTable() throws {
        let namespace = try NetworkNamespace(prefix: "kiln-router")
        defer { try? namespace.remove() }
        let socket = try namespace.run { try NetlinkSocket() }
        let change = try KilnTable.apply(try Self.config(), on: socket)
        #expect(change.rebuildsTable)

        let listed = try KilnRuleset(in: namespace)
        #expect(Set(listed.chains) == ["input_wan", "forward_wan", "input_lan", "forward_lan", "input:input:drop",
                                       "forward:forward:drop", "output:output:accept", "prerouting:prerouting:accept",
                                       "postrouting:postrouting:accept", "dstnat_wan", "dstnat_lan"])
        #expect(listed.ruleNames(in: "input") == ["loopback", "established", "invalid", "icmpv6-errors", "icmpv6-echo",
                                                   "icmpv6-nd", "syn-flood-wan0", "zone-wan-wan0", "zone-lan-lan0"])
        #expect(listed.ruleNames(in: "input_wan") == ["block-listed", "ping", "policy"])
        #expect(listed.ruleNames(in: "forward_wan") == ["port-forwards", "policy"])
        #expect(listed.ruleNames(in: "forward_lan") == ["to-wan-wan0", "policy"])
        // Port forwards sit in their zone's chain, which only IPv4 from the zone's interfaces reaches.
        #expect(listed.ruleNames(in: "prerouting") == ["zone-wan-wan0"])
        #expect(listed.ruleNames(in: "dstnat_wan") == ["web-tcp"])
        #expect(listed.ruleNames(in: "dstnat_lan") == [])
        #expect(listed.ruleNames(in: "postrouting") == ["source-nat-wan0"])
        #expect(Set(listed.elements(of: "blocklist")) == ["203.0.113.7", "198.18.0.0/15"])
        let dnat = try #require(listed.rule(named: "web-tcp"))
        let text = "\(dnat["expr"] ?? "")"
        #expect(text.contains("192.168.1.100") && text.contains("8080") && text.contains("dnat"))
    }

    @Test func sameConfigTwiceSendsNothing() throws {
        let namespace = try NetworkNamespace(prefix: "kiln-router")
        defer { try? namespace.remove() }
        let socket = try namespace.run { try NetlinkSocket() }
        try KilnTable.apply(try Self.config(), on: socket)
        let generation = try socket.generation()
        let second = try KilnTable.apply(try Self.config(), on: socket)
        #expect(second.batch.count == 0)
        #expect(try socket.generation() == generation)
    }

    @Test func oneElementChangedSendsOnlyThatElement() throws {
        let namespace = try NetworkNamespace(prefix: "kiln-router")
        defer { try? namespace.remove() }
        let socket = try namespace.run { try NetlinkSocket() }
        try KilnTable.apply(try Self.config(), on: socket)
        let edited = RouterFixtures.home.replacingOccurrences(of: "\"203.0.113.7\"", with: "\"203.0.113.9\"")
        let change = try KilnTable.apply(try Self.config(edited), on: socket)
        #expect(change.batch.entries.map(\.operation) == [.delete, .add])
        #expect(change.batch.entries.allSatisfy { $0.object.contains("set inet kiln blocklist") })
        #expect(Set(try KilnRuleset(in: namespace).elements(of: "blocklist")) == ["203.0.113.9", "198.18.0.0/15"])
    }

    @Test func oneRuleChangedReplacesOnlyThatRuleInPlace() throws {
        let namespace = try NetworkNamespace(prefix: "kiln-router")
        defer { try? namespace.remove() }
        let socket = try namespace.run { try NetlinkSocket() }
        try KilnTable.apply(try Self.config(), on: socket)
        let edited = RouterFixtures.home.replacingOccurrences(of: "limit = \"10/second\"", with: "limit = \"20/second\"")
        let change = try KilnTable.apply(try Self.config(edited), on: socket)
        #expect(change.batch.entries.map(\.description) == ["delete rule inet kiln input_wan \"\(try #require(change.batch.entries.first?.object.split(separator: "\"")[1]))\"", change.batch.entries[1].description])
        #expect(change.batch.count == 2)
        let listed = try KilnRuleset(in: namespace)
        #expect(listed.ruleNames(in: "input_wan") == ["block-listed", "ping", "policy"])
        let ping = "\(listed.rule(named: "ping")?["expr"] ?? "")"
        #expect(ping.contains("20"))
    }

    /// Every zone has its `dstnat_ZONE`, so a zone's first and last port forward change rules
    /// in place: the table (and its sets) is not rebuilt.
    @Test func aZoneFirstAndLastPortForwardChangeOnlyRules() throws {
        let namespace = try NetworkNamespace(prefix: "kiln-router")
        defer { try? namespace.remove() }
        let socket = try namespace.run { try NetlinkSocket() }
        try KilnTable.apply(try Self.config(), on: socket)
        let lanForward = RouterFixtures.home + """

            [[port-forwards]]
            name = "dns"
            zone = "lan"
            proto = "udp"
            port = 5353
            to = "192.168.1.53:53"
            """
        let added = try KilnTable.apply(try Self.config(lanForward), on: socket)
        #expect(!added.rebuildsTable)
        #expect(added.batch.entries.allSatisfy { $0.operation == .add && $0.object.hasPrefix("rule ") })
        var listed = try KilnRuleset(in: namespace)
        #expect(listed.ruleNames(in: "prerouting") == ["zone-wan-wan0", "zone-lan-lan0"])
        #expect(listed.ruleNames(in: "dstnat_lan") == ["dns-udp"])

        let withoutForwards = RouterFixtures.home.replacingOccurrences(
            of: "[[port-forwards]]\nname = \"web\"\nzone = \"wan\"\nproto = \"tcp\"\nport = 8080\nto = \"192.168.1.100:80\"\n", with: "")
        #expect(withoutForwards != RouterFixtures.home)
        let removed = try KilnTable.apply(try Self.config(withoutForwards), on: socket)
        #expect(!removed.rebuildsTable)
        #expect(removed.batch.entries.allSatisfy { $0.object.hasPrefix("rule ") })
        listed = try KilnRuleset(in: namespace)
        #expect(listed.ruleNames(in: "prerouting") == [])
        #expect(listed.ruleNames(in: "dstnat_wan") == [] && listed.ruleNames(in: "dstnat_lan") == [])
        #expect(Set(listed.elements(of: "blocklist")) == ["203.0.113.7", "198.18.0.0/15"])
    }

    @Test func foreignTableSurvivesApplyAndRemove() throws {
        let namespace = try NetworkNamespace(prefix: "kiln-router")
        defer { try? namespace.remove() }
        #expect(try namespace.exec(["nft", "add table ip other; add chain ip other c { type filter hook input priority 10; }; add rule ip other c counter"]).status == 0)
        let before = try namespace.exec(["nft", "-j", "list", "table", "ip", "other"]).stdout
        let socket = try namespace.run { try NetlinkSocket() }
        try KilnTable.apply(try Self.config(), on: socket)
        #expect(try namespace.exec(["nft", "-j", "list", "table", "ip", "other"]).stdout == before)
        #expect(try KilnTable.remove(on: socket))
        #expect(try namespace.exec(["nft", "-j", "list", "table", "ip", "other"]).stdout == before)
        #expect(try namespace.exec(["nft", "list", "tables"]).stdout == "table ip other\n")
    }
}

/// The set cache: used while the generation is Kiln's own, ignored after anyone else's commit.
@Suite(.requiresRoot) struct RulesetCacheTests {
    @Test func cacheSparesTheDumpUntilSomeoneElseCommits() throws {
        let namespace = try NetworkNamespace(prefix: "kiln-router")
        defer { try? namespace.remove() }
        let socket = try namespace.run { try NetlinkSocket() }
        let first = try KilnTable.apply(try ApplyTests.config(), on: socket)
        let cache = try #require(first.cache)
        #expect(RulesetCache(decoding: cache.encoded()) == cache)
        #expect(cache.generation == (try socket.generation()))

        // With the cache, a stale cached range would show up as a wrong diff; the diff is exact.
        let edited = RouterFixtures.home.replacingOccurrences(of: "\"203.0.113.7\"", with: "\"203.0.113.7\", \"192.0.2.0/24\"")
        let second = try namespace.run { try KilnTable.apply(try ApplyTests.config(edited), on: socket, cache: cache) }
        #expect(second.batch.count == 1)

        // Someone else adds an element behind Kiln's back: the generation moves, the old cache
        // must not be trusted, and the dump finds the stranger to remove.
        #expect(try namespace.exec(["nft", "add element inet kiln blocklist { 10.9.9.9 }"]).status == 0)
        let third = try namespace.run { try KilnTable.apply(try ApplyTests.config(edited), on: socket, cache: second.cache) }
        #expect(third.batch.entries.map(\.operation) == [.delete])
        #expect(Set(try KilnRuleset(in: namespace).elements(of: "blocklist")) == ["203.0.113.7", "198.18.0.0/15", "192.0.2.0/24"])
    }
}
