import CLibmnl
import Glibc

extension NetlinkSocket {
    /// How often a dump is restarted when concurrent ruleset changes interrupt it.
    static let dumpAttempts = 8

    /// Sends a request (a dump, or a get with `NLM_F_ACK`) and parses every reply with `parse`.
    ///
    /// A dump that the kernel flags as interrupted (`NLM_F_DUMP_INTR`: the ruleset changed
    /// meanwhile) is inconsistent, so it is discarded and restarted.
    /// - Throws: `NetfilterError` naming `operation` and `object`; whatever `parse` throws.
    ///   (`mnl_cb_run2`)
    func request<T>(
        _ message: NetlinkMessage, operation: NetlinkOperation, object: String,
        parse: (UnsafePointer<nlmsghdr>) throws -> T
    ) throws -> [T] {
        try withoutActuallyEscaping(parse) { parse in
            for _ in 1...Self.dumpAttempts {
                var results: [T] = []
                let collector = ReplyCollector { results.append(try parse($0)) }
                if try exchange(message, collector: collector, operation: operation, object: object) {
                    return results
                }
            }
            throw NetfilterError(
                operation, object: object, errno: NetfilterError.Errno(rawValue: EINTR),
                detail: "interrupted \(Self.dumpAttempts) times by concurrent ruleset changes")
        }
    }

    /// Runs one request to its end; `false` when the kernel flagged the dump as interrupted.
    private func exchange(
        _ message: NetlinkMessage, collector: ReplyCollector,
        operation: NetlinkOperation, object: String
    ) throws -> Bool {
        let sequence = reserveSequences(1)
        try transmit(message.stamped(sequence: sequence), object: object)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: Self.receiveBufferSize, alignment: 8)
        defer { buffer.deallocate() }
        var controls: [mnl_cb_t?] = [nil, nil, ReplyCollector.errorCallback]  // indexed by NLMSG_ERROR
        while true {
            guard let count = try receive(into: buffer, wait: true) else { continue }
            let context = Unmanaged.passUnretained(collector).toOpaque()
            let status = withExtendedLifetime(collector) {
                mnl_cb_run2(buffer.baseAddress, count, sequence, portID,
                            ReplyCollector.dataCallback, context, &controls, UInt32(controls.count))
            }
            let error = NetfilterError.Errno.current
            if status == MNL_CB_OK { continue }
            if status == MNL_CB_STOP { return true }
            if let failure = collector.failure { throw failure }
            if let rejection = collector.rejection {
                throw NetfilterError(operation, object: object, errno: rejection.errno!,
                                     kernelMessage: rejection.message)
            }
            guard error.rawValue == EINTR else {
                throw NetfilterError(.receive, object: object, errno: error)
            }
            try discardRest(of: sequence, alreadyRead: count, in: buffer)
            return false
        }
    }

    /// Reads and drops an interrupted dump's remaining replies, up to its `NLMSG_DONE`,
    /// so they cannot be mistaken for replies to the next request.
    private func discardRest(
        of sequence: UInt32, alreadyRead count: Int, in buffer: UnsafeMutableRawBufferPointer
    ) throws {
        var count = count
        while !Self.containsEnd(of: sequence, in: buffer, count: count) {
            count = try receive(into: buffer, wait: true) ?? 0
        }
    }

    private static func containsEnd(
        of sequence: UInt32, in buffer: UnsafeMutableRawBufferPointer, count: Int
    ) -> Bool {
        var remaining = Int32(count)
        var header = UnsafePointer(buffer.baseAddress!.assumingMemoryBound(to: nlmsghdr.self))
        while mnl_nlmsg_ok(header, remaining) {
            let type = Int32(header.pointee.nlmsg_type)
            if header.pointee.nlmsg_seq == sequence, type == NLMSG_DONE || type == NLMSG_ERROR {
                return true
            }
            header = UnsafePointer(mnl_nlmsg_next(header, &remaining))
        }
        return false
    }
}
