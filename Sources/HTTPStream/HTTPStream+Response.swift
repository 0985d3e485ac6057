import CLibcurlLoader

extension HTTPStream {
    /// libcurl's results that mean the connection, not the request, failed: worth a resume.
    private static let resumable: Set<UInt32> = [
        CURLE_PARTIAL_FILE, CURLE_OPERATION_TIMEDOUT, CURLE_GOT_NOTHING, CURLE_SEND_ERROR,
        CURLE_RECV_ERROR, CURLE_HTTP2_STREAM,
    ].reduce(into: []) { $0.insert($1.rawValue) }

    /// The body callback: keeps `chunk` (minus bytes a 200 resume repeats), or pauses when full.
    func accept(_ chunk: UnsafeRawBufferPointer) -> Int {
        guard callbackFailure == nil else { return 0 }
        if !bodyBegun {
            do throws(HTTPError) { try beginBody() } catch {
                callbackFailure = error
                return 0
            }
        }
        if body.isFull {
            paused = true
            return Int(CURL_WRITEFUNC_PAUSE)
        }
        let skipped = Int(min(skipping, UInt64(chunk.count)))
        skipping -= UInt64(skipped)
        let kept = UnsafeRawBufferPointer(rebasing: chunk[skipped...])
        if let expectedLength, received + UInt64(kept.count) > expectedLength {
            callbackFailure = .resumeRejected(url: url, reason: "the body is longer than its announced \(expectedLength) bytes")
            return 0
        }
        body.append(kept)
        received += UInt64(kept.count)
        return chunk.count
    }

    /// Checks the response before its first body byte is kept: a first answer sets the length,
    /// a resume must continue exactly where the body stopped.
    func beginBody() throws(HTTPError) {
        bodyBegun = true
        let status = head.status ?? 0
        if requestOffset == 0 {
            if status == 206, head.contentRange?.first != 0 {
                throw .resumeRejected(url: url, reason: "a 206 answer to a request without Range")
            }
            expectedLength = status == 206 ? head.contentRange?.total : head.contentLength
            entityTag = head.entityTag
            return
        }
        try checkSameEntity()
        switch status {
        case 206:
            guard let range = head.contentRange, range.first == requestOffset else {
                throw .resumeRejected(url: url, reason: "asked for bytes from \(requestOffset), the 206 answer "
                                      + "starts at \(head.contentRange.map { "\($0.first)" } ?? "no Content-Range")")
            }
            if let total = range.total, let expectedLength, total != expectedLength {
                throw .resumeRejected(url: url, reason: "the length changed from \(expectedLength) to \(total)")
            }
            expectedLength = expectedLength ?? range.total
        case 200:
            // The server ignored Range: the same body again, from its start, is the only safe case.
            guard let expectedLength, head.contentLength == expectedLength else {
                throw .resumeRejected(url: url, reason: "Range was ignored and the full answer's length "
                                      + "(\(head.contentLength.map { "\($0)" } ?? "unknown")) does not match")
            }
            skipping = requestOffset
        default:
            throw .resumeRejected(url: url, reason: "a Range request was answered with status \(status)")
        }
    }

    private func checkSameEntity() throws(HTTPError) {
        guard let first = entityTag, let now = head.entityTag, first != now else { return }
        throw .resumeRejected(url: url, reason: "the resource changed (ETag \(first), now \(now))")
    }

    /// Handles the end of one request: done, an error, or a drop to resume from `received`.
    func end(with result: CURLcode) throws(HTTPError) {
        transfer.stop()
        if let callbackFailure { throw callbackFailure }
        if result == CURLE_HTTP_RETURNED_ERROR { throw .status(url: url, status: head.status ?? 0) }
        let complete = expectedLength.map { received == $0 } ?? (result == CURLE_OK)
        if result == CURLE_OK || (complete && skipping == 0) {
            if !bodyBegun { try beginBody() }  // an empty body never reached the body callback
            if let expectedLength, received != expectedLength {
                throw .transfer(url: url, message: "the body ended after \(received) of \(expectedLength) bytes",
                                code: Int(CURLE_PARTIAL_FILE.rawValue))
            }
            finished = true
            return
        }
        let message = transfer.message(for: result)
        guard Self.resumable.contains(result.rawValue) else {
            throw .transfer(url: url, message: message, code: Int(result.rawValue))
        }
        guard resumes < maxResumes else {
            throw .resumesExhausted(url: url, resumes: resumes, message: message)
        }
        resumes += 1
        try request(from: received)
    }

    /// Drives the transfer until the buffer is full and paused, or the body ended: lets tests
    /// read deliberately slowly and still see the bound hold.
    func fillBuffer() throws(HTTPError) {
        while !paused && !finished {
            try step()
            if !paused && !finished { try transfer.wait() }
        }
    }

    /// The most unread bytes ever held in memory.
    var bufferHighWater: Int { body.highWater }
    /// The bound the body callback pauses at.
    var bufferLimit: Int { body.limit }
}
