import Testing
@testable import Netfilter

/// Build a table message with libnftnl, parse it back, compare every attribute; no kernel needed.
@Suite struct TableMessageTests {
    @Test(arguments: Family.allCases)
    func addMessageRoundTripsNameFamilyAndFlags(family: Family) throws {
        for flags: Table.Flags in [[], [.dormant], [.owner], [.dormant, .owner]] {
            let table = Table(family: family, name: "kiln-\(family)", flags: flags)
            var batch = Batch()
            try batch.add(table)
            let parsed = try batch.message(at: 0).withHeader(Table.init(parsing:))
            #expect(parsed == table)  // handle, use and owner stay nil: only the kernel sets them
        }
    }

    @Test func deleteMessageCarriesNameAndHandleButNotFlags() throws {
        let table = Table(family: .ip6, name: "old", flags: .dormant, handle: 0x1_0000_0007)
        var batch = Batch()
        try batch.delete(table)
        let parsed = try batch.message(at: 0).withHeader(Table.init(parsing:))
        #expect(parsed == Table(family: .ip6, name: "old", handle: 0x1_0000_0007))
    }

    /// A NEWTABLE message as `nf_tables_fill_table_info` sends it, with the kernel-only attributes.
    @Test func parsesKernelOnlyAttributes() throws {
        typealias F = NetlinkFixture
        let body = F.nfgenmsg(family: 1, resourceID: 5)
            + F.attribute(1, F.string("kiln"))       // NFTA_TABLE_NAME
            + F.attribute(2, F.be32(0x3))            // NFTA_TABLE_FLAGS: dormant | owner
            + F.attribute(3, F.be32(4))              // NFTA_TABLE_USE
            + F.attribute(4, F.be64(42))             // NFTA_TABLE_HANDLE
            + F.attribute(7, F.be32(0xdead_beef))    // NFTA_TABLE_OWNER
        let bytes = F.message(type: 0x0a00, flags: 0, sequence: 9, body: body)
        let table = try NetlinkMessage(bytes: bytes).withHeader(Table.init(parsing:))
        #expect(table == Table(family: .inet, name: "kiln", flags: [.dormant, .owner],
                               handle: 42, use: 4, owner: 0xdead_beef))
        #expect(table.description == "table inet kiln")
    }

    @Test func rejectsUnknownFamily() throws {
        typealias F = NetlinkFixture
        let body = F.nfgenmsg(family: 99) + F.attribute(1, F.string("x"))
        let bytes = F.message(type: 0x0a00, flags: 0, sequence: 1, body: body)
        let error = try #require(throws: NetfilterError.self) {
            try NetlinkMessage(bytes: bytes).withHeader(Table.init(parsing:))
        }
        #expect(error.operation == .parse)
        #expect(error.errno == .protocolError)
    }
}
