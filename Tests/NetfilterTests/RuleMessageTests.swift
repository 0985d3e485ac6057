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
        let message = batch.message(at: 0)
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

    /// libmnl 1.0.4 leaves attribute padding as it finds it: messages are encoded in zeroed memory,
    /// so the same rule gives the same bytes whatever the heap held before, small or past 4 KiB.
    /// (Debug builds, which the tests run, fill the scratch past its zeroed start with 0xA5.)
    @Test(arguments: [1, 30]) func aRuleEncodesToTheSameBytesWhateverTheHeapHeld(copies: Int) throws {
        let expressions = Array(repeating: Self.everyKind, count: copies).flatMap { $0 }
        let rule = Rule(family: .inet, table: "kiln", chain: "input", expressions: expressions, comment: "odd length")
        func encoded() throws -> [UInt8] {
            // Freed memory full of ones, which the encoder's next allocation (a rule's 64 KiB, below
            // malloc's mmap threshold) is likely to get back.
            let dirt = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 8)
            dirt.initializeMemory(as: UInt8.self, repeating: 0xFF)
            dirt.deallocate()
            var batch = Batch()
            try batch.add(rule)
            return batch.message(at: 0).bytes
        }
        let first = try encoded()
        #expect(first.count > (copies > 1 ? 4096 : 0))
        #expect(try encoded() == first)
        // The table name "kiln" with its NUL is 5 bytes: 3 bytes of padding follow it.
        let name = try #require(first.indices.first { first[$0...].starts(with: Array("kiln".utf8) + [0]) })
        #expect(first[(name + 5)..<(name + 8)] == [0, 0, 0])
        #expect(first.firstIndex(of: 0xA5) == nil)  // no value of these expressions has that byte: it would be fill
    }

    @Test func placementBeforeAHandleIsAnInsertAtThatPosition() throws {
        var batch = Batch()
        let rule = Rule(family: .inet, table: "kiln", chain: "input", expressions: [.verdict(.accept)])
        try batch.add(rule, placement: .before(handle: 42))
        try batch.add(rule)
        let flags = (0..<batch.count).map { batch.message(at: $0).withHeader { $0.pointee.nlmsg_flags } }
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
        #expect(try batch.message(at: 0).withHeader(Chain.init(parsing:)) == chain)
        let regular = Chain(family: .inet, table: "kiln", name: "input_wan")
        try batch.add(regular)
        #expect(try batch.message(at: 1).withHeader(Chain.init(parsing:)) == regular)
    }

    @Test func flowtableRoundTripsThroughLibnftnl() throws {
        let flowtable = Flowtable(family: .inet, table: "kiln", name: "ft", priority: -10, devices: ["lan0", "wan0"],
                                  hardwareOffload: true)
        var batch = Batch()
        try batch.add(flowtable)
        #expect(batch.entries[0].description == "add flowtable inet kiln ft")
        let parsed = try batch.message(at: 0).withHeader(Flowtable.init(parsing:))
        #expect(parsed.hasSameDefinition(as: flowtable), "\(parsed)")
        #expect(throws: NetfilterError.self) {
            try batch.add(Flowtable(family: .inet, table: "kiln", name: "ft", devices: ["an-interface-name-too-long"]))
        }
    }

    @Test func flowOffloadNamesItsFlowtable() {
        #expect(Expression.flowOffload(.init(flowtable: "ft")).description == "flow add @ft")
    }

    @Test func intervalSetAndItsRangesRoundTrip() throws {
        let set = NamedSet(family: .inet, table: "kiln", name: "blocklist", keyType: .ipv4Address)
        let ranges: [ClosedRange<UInt32>] = [0x0A00_0000...0x0AFF_FFFF, 0xF000_0000...UInt32.max]
        var batch = Batch()
        try batch.add(set)
        try batch.add(ranges, to: set)
        #expect(try batch.message(at: 0).withHeader(NamedSet.init(parsing:)).name == "blocklist")
        #expect(try batch.message(at: 0).withHeader(NamedSet.init(parsing:)).isInterval)
        #expect(batch.entries[1].object == "2 range(s) of set inet kiln blocklist")
        // Every element is an NFTA_LIST_ELEM, as the kernel lists them, so libnftnl's parser reads
        // the messages back: a range that reaches the top of the address space has no end element.
        var elements: [(key: UInt32, isEnd: Bool)] = []
        try batch.message(at: 1).withHeader { try NamedSet.intervalElements(parsing: $0, into: &elements) }
        #expect(elements.count == 3)
        #expect(NamedSet.ranges(from: elements) == ranges)
    }

    /// The element messages' exact bytes, one IPv4 and one IPv6, written down from the libmnl
    /// encoder they replaced: a start element, an end element, and a range without an end.
    @Test func intervalMessagesKeepTheirBytes() throws {
        let v4 = NamedSet(family: .inet, table: "kiln", name: "bl", keyType: .ipv4Address)
        let v6 = NamedSet(family: .ip6, table: "t", name: "six", keyType: .ipv6Address)
        var batch = Batch()
        try batch.add([0x0A00_0000...0x0AFF_FFFF, 0xF000_0000...UInt32.max], to: v4)
        try batch.delete([UInt128(1)...2], from: v6)
        func hex(_ index: Int) -> String { batch.message(at: index).bytes.map { String(format: "%02x", $0) }.joined() }
        // Header, set and table names, then the list: 10.0.0.0 starts, 11.0.0.0 ends (flags 1),
        // 240.0.0.0 starts and has no end.
        #expect(hex(0) == "640000000c0a010402000000000000000100000007000200626c0000090001006b696c6e00000000"
                + "3c000380" + "100001800c000180080001000a000000"
                + "1800018008000300000000010c000180080001000b000000" + "100001800c00018008000100f0000000")
        // A DELSETELEM (with the batch's one acknowledgement): ::1 starts, ::3 ends.
        #expect(hex(1) == "680000000e0a050003000000000000000a00000008000200736978000600010074000000"
                + "44000380" + "1c000180180001801400010000000000000000000000000000000001"
                + "240001800800030000000001180001801400010000000000000000000000000000000003")
    }

    @Test func manyMessagesOfRangesReadBackThroughLibnftnl() throws {
        let set = NamedSet(family: .inet, table: "kiln", name: "big", keyType: .ipv6Address)
        let ranges = (0..<1234).map { index -> ClosedRange<UInt128> in
            let start = UInt128(0x2001_0db8) << 96 | UInt128(index) << 64
            return start...(start | UInt128(UInt64.max))
        }
        var batch = Batch()
        try batch.add(ranges, to: set)
        var elements: [(key: UInt128, isEnd: Bool)] = []
        for index in 0..<batch.count {
            try batch.message(at: index).withHeader { try NamedSet.intervalElements(parsing: $0, into: &elements) }
        }
        #expect(batch.count == 3)
        #expect(elements.count == 2 * ranges.count)
        #expect(NamedSet.ranges(from: elements) == ranges)
    }

    @Test func rangesRebuildFromKernelElementsInAnyOrder() {
        // The kernel lists an interval set's elements from the highest key down.
        let elements: [(key: UInt32, isEnd: Bool)] = [(0xF000_0000, false), (0xC633_6500, true), (0xC633_6400, false),
                                                      (0x0B00_0000, true), (0x0A00_0000, false)]
        #expect(NamedSet.ranges(from: elements) == [0x0A00_0000...0x0AFF_FFFF, 0xC633_6400...0xC633_64FF, 0xF000_0000...UInt32.max])
    }

    @Test func wrongKeyWidthIsRefused() {
        let set = NamedSet(family: .inet, table: "kiln", name: "v6", keyType: .ipv6Address)
        var batch = Batch()
        #expect(throws: NetfilterError.self) { try batch.add([UInt32(1)...2], to: set) }
    }

    @Test func largeRangeListsSplitIntoMessagesUnder64KiB() throws {
        let set = NamedSet(family: .inet, table: "kiln", name: "big", keyType: .ipv4Address)
        let ranges = (0..<1501).map { index -> ClosedRange<UInt32> in
            let start = UInt32(0x0A00_0000) + UInt32(index) << 8
            return start...(start + 127)
        }
        var batch = Batch()
        try batch.add(ranges, to: set)
        #expect(batch.entries.map(\.object) == Array(repeating: "500 range(s) of set inet kiln big", count: 3)
                + ["1 range(s) of set inet kiln big"])
        // The element list is one nested attribute with a 16-bit length.
        #expect((0..<batch.count).allSatisfy { batch.message(at: $0).bytes.count < 65_536 })
    }

    @Test func generationGoesIntoTheBatchBeginAndChangesAreNumberedAfterIt() throws {
        var batch = Batch()
        try batch.add(Table(family: .inet, name: "kiln"))
        let plain = batch.beginMarker(generation: nil)
        let withGeneration = batch.beginMarker(generation: 7)
        #expect(withGeneration.count == plain.count + 8)                      // one u32 attribute
        #expect(Array(withGeneration[20..<28]) == [8, 0, 1, 0, 0, 0, 0, 7])    // NFNL_BATCH_GENID, big-endian 7
        // nlmsg_seq is at byte 8: begin marker 1, the change 2, the end marker 3.
        func sequence(_ bytes: [UInt8]) -> UInt32 { bytes[8..<12].withUnsafeBytes { $0.loadUnaligned(as: UInt32.self) } }
        #expect(sequence(plain) == 1)
        #expect(sequence(batch.message(at: 0).bytes) == 2)
        #expect(sequence(batch.endMarker) == 3)
    }
}
