import Testing
@testable import Netfilter

/// Batches are planned without I/O: counting, describing, validating, and the exact bytes.
@Suite struct BatchTests {
    @Test func countsAndDescribesItsChanges() throws {
        var batch = Batch()
        #expect(batch.isEmpty)
        try batch.add(Table(family: .inet, name: "kiln"))
        try batch.create(Table(family: .bridge, name: "lan"))
        try batch.delete(Table(family: .netdev, name: "ingress"))
        #expect(batch.count == 3)
        #expect(batch.entries.map(\.description)
                == ["add table inet kiln", "create table bridge lan", "delete table netdev ingress"])
    }

    @Test(arguments: ["", String(repeating: "x", count: 256), "nul\u{0}inside"])
    func rejectsInvalidNamesBeforeAnyIO(name: String) throws {
        var batch = Batch()
        let error = try #require(throws: NetfilterError.self) { try batch.add(Table(family: .ip, name: name)) }
        #expect(error.operation == .add)
        #expect(error.object == "table ip \(name)")
        #expect([.invalidArgument, .fileNameTooLong].contains(error.errno))
        #expect(batch.isEmpty)
    }

    @Test func acceptsTheLongestNameTheKernelAllows() throws {
        var batch = Batch()
        try batch.add(Table(family: .ip, name: String(repeating: "x", count: 255)))
        #expect(batch.count == 1)
    }

    /// begin / add table inet kiln / end, numbered 1, 2, 3; expected bytes written out by hand.
    @Test func goldenBytesOfAddTableBatch() throws {
        typealias F = NetlinkFixture
        var batch = Batch()
        try batch.add(Table(family: .inet, name: "kiln"))
        // NFNL_MSG_BATCH_BEGIN (0x10) / END (0x11), NLM_F_REQUEST, res_id NFNL_SUBSYS_NFTABLES (10).
        let begin = F.message(type: 0x10, flags: 0x1, sequence: 1, body: F.nfgenmsg(family: 0, resourceID: 10))
        let end = F.message(type: 0x11, flags: 0x1, sequence: 3, body: F.nfgenmsg(family: 0, resourceID: 10))
        // (NFNL_SUBSYS_NFTABLES << 8) | NFT_MSG_NEWTABLE; NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE.
        let add = F.message(type: 0x0a00, flags: 0x405, sequence: 2, body: F.nfgenmsg(family: 1)
            + F.attribute(1, F.string("kiln")) + F.attribute(2, F.be32(0)))
        #expect(batch.beginMarker(generation: nil) + batch.messages + batch.endMarker == begin + add + end)
    }

    @Test func emptyBatchEncodesOnlyItsFrame() {
        #expect(Batch().beginMarker(generation: nil).count + Batch().messages.count + Batch().endMarker.count == 40)
    }
}
