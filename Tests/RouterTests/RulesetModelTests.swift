import Netfilter
import Testing
@testable import Router

/// The desired ruleset and the diff, without a kernel.
@Suite struct RulesetModelTests {
    static func prefixes(_ texts: [String]) throws -> [IPPrefix] { try texts.map { try IPPrefix(parsing: $0) } }

    @Test func prefixesMergeIntoSortedDisjointRanges() throws {
        let ranges = AddressRange.merging(try Self.prefixes(["10.0.1.0/24", "10.0.0.0/24", "10.0.0.128/25",
                                                             "192.168.0.0/16", "255.255.255.255"]))
        #expect(ranges.map(\.description) == ["10.0.0.0-10.0.2.0", "192.168.0.0-192.169.0.0", "255.255.255.255-top"])
        #expect(ranges[2].elements == [SetElement(key: [255, 255, 255, 255])])
    }

    @Test func rangesRebuildFromKernelElementsInAnyOrder() throws {
        let ranges = AddressRange.merging(try Self.prefixes(["203.0.113.7", "198.18.0.0/15", "240.0.0.0/4"]))
        let elements = ranges.flatMap(\.elements).reversed()
        #expect(AddressRange.ranges(from: Array(elements)) == ranges)
    }

    @Test func rangeDiffFindsAddedRemovedAndChangedRanges() throws {
        let current = AddressRange.merging(try Self.prefixes(["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/24", "203.0.113.7"]))
        let desired = AddressRange.merging(try Self.prefixes(["10.0.0.0/8", "192.168.0.0/16", "198.51.100.0/24", "203.0.113.7"]))
        let diff = RangeDiff(current: current, desired: desired)
        #expect(diff.removed.map(\.description) == ["172.16.0.0-172.32.0.0", "192.168.0.0-192.168.1.0"])
        #expect(diff.added.map(\.description) == ["192.168.0.0-192.169.0.0", "198.51.100.0-198.51.101.0"])
    }

    @Test func ruleDiffKeepsTheCommonSubsequenceAndAnchorsInsertions() {
        func rule(_ name: String, handle: UInt64? = nil) -> Rule {
            Rule(family: .inet, table: "kiln", chain: "input", comment: name, handle: handle)
        }
        let current = [rule("a", handle: 1), rule("b", handle: 2), rule("c", handle: 3), rule("d", handle: 4)]
        let desired = ["x", "a", "c", "y", "z", "d", "w"].map { Ruleset.Entry(rule: rule($0), origin: .init("rule '\($0)'")) }
        let diff = RuleSequenceDiff(current: current, desired: desired)
        #expect(diff.deletions.map(\.comment) == ["b"])
        #expect(diff.insertions.map { $0.0.comment! } == ["x", "y", "z", "w"])
        #expect(diff.insertions.map(\.1) == [.before(handle: 1), .before(handle: 4), .before(handle: 4), .append])
    }

    @Test func rulesCarryTheirConfigLineAndAStableIdentity() throws {
        let config = try RouterConfig.parse(RouterFixtures.home, file: "router.toml", directory: ".")
        let ruleset = Ruleset(config: config)
        let ping = try #require(ruleset.rules.first { $0.origin.subject == "rule 'ping'" })
        #expect(ping.origin.line == 35)
        #expect(ping.rule.chain == "input_wan")
        #expect(ping.rule.comment?.hasPrefix("ping [") == true)
        #expect(Ruleset(config: config) == ruleset)  // same config, same comments: the diff relies on it
        #expect(Set(ruleset.rules.map { "\($0.rule.chain) \($0.rule.comment!)" }).count == ruleset.rules.count)
    }
}
