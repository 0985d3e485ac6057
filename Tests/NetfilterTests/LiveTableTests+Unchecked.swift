@testable import Netfilter

extension NetlinkSocket {
    /// Sends an add-table message that skips Kiln's validation, to provoke the kernel's own.
    func sendUnchecked(tableNamed name: String) throws {
        typealias F = NetlinkFixture
        let body = F.nfgenmsg(family: 2) + F.attribute(1, F.string(name)) + F.attribute(2, F.be32(0))
        var batch = Batch()
        let bytes = F.message(type: 0x0a00, flags: 0x405, sequence: 0, body: body)  // NEWTABLE, create + ack
        batch.append(.add, .named("table ip \(name)"), NetlinkMessage(bytes: bytes))
        try send(batch)
    }
}
