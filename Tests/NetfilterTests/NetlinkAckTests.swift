import Testing
@testable import Netfilter

/// Decoding of NLMSG_ERROR replies, including the extended-ack message text.
@Suite struct NetlinkAckTests {
    typealias F = NetlinkFixture
    static let request = F.message(type: 0x0a02, flags: 0x5, sequence: 12, body: F.nfgenmsg(family: 1))

    /// `struct nlmsgerr`: negative errno, then the echoed request (header only when capped).
    static func errorReply(errno: Int32, flags: UInt16, echo: [UInt8], tlvs: [UInt8] = []) -> [UInt8] {
        F.message(type: 2, flags: flags, sequence: 12,
                  body: F.u32(UInt32(bitPattern: -errno)) + echo + tlvs)
    }

    @Test func plainAcknowledgement() throws {
        let bytes = Self.errorReply(errno: 0, flags: 0x100, echo: Array(Self.request.prefix(16)))
        let ack = try #require(NetlinkMessage(bytes: bytes).withHeader(NetlinkAck.init))
        #expect(ack.sequence == 12)
        #expect(ack.errno == nil)
        #expect(ack.message == nil)
    }

    @Test func cappedErrorWithMessage() throws {
        // NLM_F_CAPPED | NLM_F_ACK_TLVS; NLMSGERR_ATTR_OFFS first, then NLMSGERR_ATTR_MSG.
        let tlvs = F.attribute(2, F.u32(20)) + F.attribute(1, F.string("table is busy"))
        let bytes = Self.errorReply(errno: 16, flags: 0x300, echo: Array(Self.request.prefix(16)), tlvs: tlvs)
        let ack = try #require(NetlinkMessage(bytes: bytes).withHeader(NetlinkAck.init))
        #expect(ack.errno == .resourceBusy)
        #expect(ack.message == "table is busy")
    }

    @Test func uncappedErrorSkipsTheEchoedRequest() throws {
        let tlvs = F.attribute(1, F.string("bad name"))
        let bytes = Self.errorReply(errno: 22, flags: 0x200, echo: Self.request, tlvs: tlvs)
        let ack = try #require(NetlinkMessage(bytes: bytes).withHeader(NetlinkAck.init))
        #expect(ack.errno == .invalidArgument)
        #expect(ack.message == "bad name")
    }

    @Test func ignoresOtherMessageTypes() {
        #expect(NetlinkMessage(bytes: Self.request).withHeader(NetlinkAck.init) == nil)
    }

    @Test func verdictNamesTheRejectedChange() throws {
        var batch = Batch()
        try batch.add(Table(family: .ip, name: "good"))
        try batch.delete(Table(family: .inet, name: "missing"))
        // Changes are numbered from 2, after the begin marker (1).
        let acks = [NetlinkAck.fixture(sequence: 2, errno: nil),
                    NetlinkAck.fixture(sequence: 3, errno: .noSuchFileOrDirectory, message: "gone")]
        let error = try #require(throws: NetfilterError.self) {
            try NetlinkSocket.verdict(on: batch, acks: acks)
        }
        #expect(error == NetfilterError(.delete, object: "table inet missing",
                                        errno: .noSuchFileOrDirectory, kernelMessage: "gone", changeIndex: 1))
    }

    @Test func verdictReportsMissingAcknowledgements() throws {
        var batch = Batch()
        try batch.add(Table(family: .ip, name: "a"))
        try batch.add(Table(family: .ip, name: "b"))
        let error = try #require(throws: NetfilterError.self) {
            try NetlinkSocket.verdict(on: batch, acks: [.fixture(sequence: 2, errno: nil)])
        }
        #expect(error.object == "table ip b")
        #expect(error.errno == .protocolError)
    }
}

extension NetlinkAck {
    static func fixture(sequence: UInt32, errno: NetfilterError.Errno?, message: String? = nil) -> NetlinkAck {
        typealias F = NetlinkFixture
        let tlvs = message.map { F.attribute(1, F.string($0)) } ?? []
        let bytes = F.message(type: 2, flags: message == nil ? 0x100 : 0x300, sequence: sequence,
                              body: F.u32(UInt32(bitPattern: -(errno?.rawValue ?? 0)))
                                  + [UInt8](repeating: 0, count: 16) + tlvs)
        return NetlinkMessage(bytes: bytes).withHeader(NetlinkAck.init)!
    }
}
