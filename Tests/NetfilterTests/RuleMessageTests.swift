import Testing
@testable import Netfilter

/// Chains, rules and sets built with libnftnl and parsed back; no kernel needed.
@Suite struct RuleMessageTests {
    static let everyKind: [Expression] = [
        .meta(.init(.iifname)), .payload(.init(.network, offset: 12, length: 4)),
        .compare(.init(.one, .equal, [10, 0, 0, 1])), .bitwise(.init(mask: [255, 255, 0, 0])),
        .conntrack(.init(.state)), .immediate(.init([192, 168, 1, 100], into: .two)), .lookup(.init(set: "blocklist")),
        .counter(.init()), .limit(.init(rate: 10, per: .second)), .log(.init(prefix: "kiln: ")),
        .nat(.init(.dnat, family: .ipv4, address: .two)), .masquerade(.init()), .reject(.portUnreachable),
        .verdict(.jump("input_wan")),
    ]

    @Test func ruleRoundTripsLocationCommentAndEveryExpressionKind() throws {
        let rule = Rule(family: .inet, table: "kiln", chain: "input", expressions: Self.everyKind, comment: "all [0123456789abcdef]")
        var batch = Batch()
        try batch.add(rule)
        let message = batch.entries[0].message
        let parsed = try message.withHeader(Rule.init(parsing:))
        #expect(parsed.family == .inet)
        #expect(parsed.table == "kiln")
        #expect(parsed.chain == "input")
        #expect(parsed.comment == "all [0123456789abcdef]")
        #expect(parsed.counters == Rule.Counters(packets: 0, bytes: 0))
        #expect(try message.withHeader(Rule.expressionKinds(parsing:))
                == ["meta", "payload", "cmp", "bitwise", "ct", "immediate", "lookup", "counter", "limit", "log",
                    "nat", "masq", "reject", "immediate"])
    }

    @Test func placementBeforeAHandleIsAnInsertAtThatPosition() throws {
        var batch = Batch()
        let rule = Rule(family: .inet, table: "kiln", chain: "input", expressions: [.verdict(.accept)])
        try batch.add(rule, placement: .before(handle: 42))
        try batch.add(rule)
        let flags = batch.entries.map { entry in entry.message.withHeader { $0.pointee.nlmsg_flags } }
        #expect(flags[0] & 0x800 == 0)   // no NLM_F_APPEND: insert before NFTA_RULE_POSITION
        #expect(flags[1] & 0x800 != 0)
    }

    @Test func deletingARuleNeedsItsHandle() throws {
        var batch = Batch()
        let error = try #require(throws: NetfilterError.self) {
            try batch.delete(Rule(family: .inet, table: "kiln", chain: "input"))
        }
        #expect(error.operation == .delete)
        #expect(batch.isEmpty)
    }

    @Test func commentsFollowNftsUserDataFormat() {
        #expect(RuleComment.encode("ab") == [0, 3, 0x61, 0x62, 0])
        #expect(RuleComment.decode([0, 3, 0x61, 0x62, 0]) == "ab")
        #expect(RuleComment.decode([1, 1, 9, 0, 2, 0x78, 0]) == "x")
        #expect(RuleComment.decode([0, 9, 1]) == nil)
    }

    @Test func baseChainRoundTrips() throws {
        let chain = Chain(family: .inet, table: "kiln", name: "prerouting",
                          base: .init(hook: .prerouting, kind: .nat, priority: -100, policy: .accept))
        var batch = Batch()
        try batch.add(chain)
        #expect(try batch.entries[0].message.withHeader(Chain.init(parsing:)) == chain)
        let regular = Chain(family: .inet, table: "kiln", name: "input_wan")
        try batch.add(regular)
        #expect(try batch.entries[1].message.withHeader(Chain.init(parsing:)) == regular)
    }

    @Test func intervalSetAndItsElementsRoundTrip() throws {
        let set = NamedSet(family: .inet, table: "kiln", name: "blocklist", keyType: .ipv4Address)
        let elements = [SetElement(key: [10, 0, 0, 0]), SetElement(key: [11, 0, 0, 0], isIntervalEnd: true)]
        var batch = Batch()
        try batch.add(set)
        try batch.add(elements, to: set)
        #expect(try batch.entries[0].message.withHeader(NamedSet.init(parsing:)).name == "blocklist")
        #expect(try batch.entries[0].message.withHeader(NamedSet.init(parsing:)).isInterval)
        // libnftnl numbers the nested elements 1, 2, ... when building but parses only type 1
        // (NFTA_LIST_ELEM, what the kernel sends), so only a one-element message reads back.
        var single = Batch()
        try single.add([elements[1]], to: set)
        #expect(try single.entries[0].message.withHeader(NamedSet.elements(parsing:)) == [elements[1]])
        #expect(batch.entries[1].object == "elements 10.0.0.0... (2) of set inet kiln blocklist")
    }

    @Test func largeElementListsSplitWithoutSeparatingARange() throws {
        let set = NamedSet(family: .inet, table: "kiln", name: "big", keyType: .ipv4Address)
        let elements = (0..<1501).flatMap { index -> [SetElement] in
            let key: [UInt8] = [10, UInt8(index / 256), UInt8(index % 256), 0]
            return [SetElement(key: key), SetElement(key: [key[0], key[1], key[2], 128], isIntervalEnd: true)]
        }
        var batch = Batch()
        try batch.add(elements, to: set)
        // Each message starts with a range's start, so no range is split across messages.
        #expect(batch.entries.map(\.object) == ["elements 10.0.0.0... (1000) of set inet kiln big",
                                                "elements 10.1.244.0... (1000) of set inet kiln big",
                                                "elements 10.3.232.0... (1000) of set inet kiln big",
                                                "elements 10.5.220.0... (2) of set inet kiln big"])
    }

    @Test func generationGoesIntoTheBatchBeginAndCheckModeLeavesOutTheEnd() throws {
        var batch = Batch()
        try batch.add(Table(family: .inet, name: "kiln"))
        let plain = batch.encoded(firstSequence: 1)
        let withGeneration = batch.encoded(firstSequence: 1, generation: 7)
        #expect(withGeneration.count == plain.count + 8)                      // one u32 attribute
        #expect(Array(withGeneration[20..<28]) == [8, 0, 1, 0, 0, 0, 0, 7])    // NFNL_BATCH_GENID, big-endian 7
        #expect(batch.encoded(firstSequence: 1, commit: false).count == plain.count - 20)
    }
}
