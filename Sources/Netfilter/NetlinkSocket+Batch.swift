import CLibmnl

extension NetlinkSocket {
    /// Sends `batch` in one `sendmsg` and reads the kernel's verdict on every change:
    /// either all changes are committed or none is.
    /// - Throws: `NetfilterError` for the first change the kernel rejected, with that change's
    ///   operation and object, the errno and any extended-ack text; `.receive` errors when replies
    ///   were lost; `.protocolError` when the batch's last change was neither acknowledged nor rejected.
    ///   (`mnl_socket_sendto`, `recv`)
    ///
    /// With `generation`, the kernel refuses the whole batch (`.restart`, `isConcurrentChange`)
    /// when the ruleset changed since that generation was read. With `commit: false` the kernel
    /// checks every change and reports errors, then discards the batch (a dry run, `nft -c`).
    public func send(_ batch: Batch, generation: UInt32? = nil, commit: Bool = true) throws {
        guard !batch.isEmpty else { return }
        let begin = batch.beginMarker(generation: generation)
        let end = commit ? batch.endMarker : []
        guard batch.messages.count == batch.entries.last?.range.upperBound else {
            throw NetfilterError(.send, object: "batch", errno: .invalidArgument, detail: "the batch was already sent and its messages discarded")
        }
        try reserveBufferSpace(sending: begin.count + batch.messages.count + end.count, replies: batch.count + 2)
        // Batches number their messages from 1 every time: a reply left over from an earlier
        // exchange that failed halfway must not be taken for this batch's.
        try discardQueuedReplies()
        try transmit([begin, batch.messages, end], object: "batch")
        let acks = try drainAcknowledgements()
        try Self.verdict(on: batch, acks: acks)
    }

    /// Reads and drops whatever replies are queued (none, unless an earlier exchange failed halfway).
    private func discardQueuedReplies() throws {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: Self.receiveBufferSize, alignment: 8)
        defer { buffer.deallocate() }
        while try receive(into: buffer, wait: false) != nil {}
    }

    /// Reads every reply already queued. nfnetlink processes a batch inside `sendmsg`, so by the
    /// time it returns all acknowledgements and errors are waiting and a non-blocking read suffices.
    private func drainAcknowledgements() throws -> [NetlinkAck] {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: Self.receiveBufferSize, alignment: 8)
        defer { buffer.deallocate() }
        var acks: [NetlinkAck] = []
        while let count = try receive(into: buffer, wait: false) {
            var remaining = Int32(count)
            var header = UnsafePointer(buffer.baseAddress!.assumingMemoryBound(to: nlmsghdr.self))
            while mnl_nlmsg_ok(header, remaining) {
                if let ack = NetlinkAck(header) { acks.append(ack) }
                header = UnsafePointer(mnl_nlmsg_next(header, &remaining))
            }
        }
        return acks
    }

    /// Matches acknowledgements to changes by sequence number and throws the first rejection.
    static func verdict(on batch: Batch, acks: [NetlinkAck]) throws {
        // Position in the datagram: 0 is the begin marker, 1...count the changes, count + 1 the end.
        let positioned = acks.map { (position: Int($0.sequence &- Batch.beginSequence), ack: $0) }
            .filter { $0.position >= 0 && $0.position <= batch.count + 1 }
            .sorted { $0.position < $1.position }
        if let failure = positioned.first(where: { $0.ack.errno != nil }) {
            let isChange = (1...batch.count).contains(failure.position)
            let entry = isChange ? batch.entries[failure.position - 1] : nil
            throw NetfilterError(
                entry?.operation ?? .send, object: entry?.object ?? "batch",
                errno: failure.ack.errno!, kernelMessage: failure.ack.message,
                changeIndex: isChange ? failure.position - 1 : nil)
        }
        // Only the last change asks for an acknowledgement (see `Batch.append`).
        if !positioned.contains(where: { $0.position == batch.count }) {
            let entry = batch.entries[batch.count - 1]
            throw NetfilterError(
                entry.operation, object: entry.object, errno: .protocolError,
                detail: "the kernel neither acknowledged nor rejected this change")
        }
    }
}
