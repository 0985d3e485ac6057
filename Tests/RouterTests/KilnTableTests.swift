import Foundation
import KilnTestSupport
import Netfilter
import Router
import Testing

/// Kiln removes its own table and never another, in a fresh network namespace.
@Suite(.requiresRoot) struct KilnTableTests {
    @Test func removesOnlyKilnsTable() throws {
        let namespace = try NetworkNamespace(prefix: "kiln-router")
        defer { try? namespace.remove() }
        try namespace.run {
            let socket = try NetlinkSocket()
            var batch = Batch()
            try batch.add(Table(family: .inet, name: "kiln"))
            try batch.add(Table(family: .inet, name: "other"))
            try batch.add(Table(family: .ip, name: "kiln"))
            try socket.send(batch)
            #expect(try KilnTable.isPresent(on: socket))
            #expect(try KilnTable.remove(on: socket))
            #expect(!(try KilnTable.isPresent(on: socket)))
            #expect(!(try KilnTable.remove(on: socket)))
        }
        // The oracle: nft still lists the two tables Kiln does not own.
        let listing = try namespace.exec(["nft", "list", "tables"])
        #expect(listing.status == 0)
        #expect(Set(listing.stdout.split(separator: "\n")) == ["table inet other", "table ip kiln"])
    }
}
