import CLibcurlLoader

/// A body streamed over HTTP(S) in order, read in pieces, resumed with Range requests when the
/// connection drops, so an OTA bundle never needs a temporary copy on the board.
///
/// Single-threaded pull: `read(into:)` drives libcurl's multi interface until it has bytes. The
/// write callback pauses the transfer once `bufferLimit` bytes wait unread, so memory stays bounded
/// however large the body and however slowly it is read.
///
/// A resume asks for `Range: bytes=<received>-` and requires a 206 whose Content-Range starts there.
/// A server that ignores Range answers 200 with the whole body; that is accepted only when its
/// Content-Length equals the length first announced (and its ETag, when both have one, is the same),
/// and exactly the bytes already received are then skipped. Anything else is `resumeRejected`.
/// Bundles are signed, so the signature check downstream still catches a body that changed.
public final class HTTPStream {
    /// The body's full length once a response announced it (Content-Length or Content-Range).
    public internal(set) var expectedLength: UInt64?
    /// Bytes handed out by `read(into:)` so far.
    public private(set) var bytesDelivered: UInt64 = 0
    /// How many times a dropped or stalled connection was resumed.
    public internal(set) var resumes = 0

    let url: String
    let maxResumes: Int
    let transfer: CurlTransfer
    var body: BodyBuffer
    /// The response now arriving; `beginBody()` checks it before its first byte is kept.
    var head = ResponseHead()
    var entityTag: String?
    /// Body bytes taken into `body` (delivered or not): where the next resume starts.
    var received: UInt64 = 0
    /// Where the current request started, 0 for the first one.
    var requestOffset: UInt64 = 0
    /// Bytes of a 200 answer to a resume that repeat what was already received.
    var skipping: UInt64 = 0
    var bodyBegun = false
    var started = false
    var paused = false
    var finished = false
    /// An error found inside a libcurl callback, which can only make libcurl abort; thrown after.
    var callbackFailure: HTTPError?
    /// The error that ended the stream, thrown again by every later read.
    var terminalFailure: HTTPError?

    /// The default bound on unread bytes held in memory.
    static let defaultBufferLimit = 1 << 20

    /// Opens `url` (http or https); the transfer starts lazily at the first read.
    ///
    /// - Parameters:
    ///   - maxResumes: how many dropped connections are resumed before the stream fails.
    ///   - connectTimeout: how long each connection (TCP and TLS) may take.
    ///   - lowSpeedTimeout: how long a connection may deliver nothing before it counts as dropped.
    /// - Throws: `HTTPError.unsupportedURL` for another scheme, `.transfer` when libcurl cannot be set up.
    ///   Wraps `curl_easy_init`, `curl_multi_init` and `curl_easy_setopt`.
    public convenience init(url: String, maxResumes: Int = 5, connectTimeout: Duration = .seconds(30),
                            lowSpeedTimeout: Duration = .seconds(60)) throws(HTTPError) {
        try self.init(url: url, maxResumes: maxResumes, connectTimeout: connectTimeout,
                      lowSpeedTimeout: lowSpeedTimeout, bufferLimit: Self.defaultBufferLimit)
    }

    /// As the public initializer, with the unread-bytes bound chosen (tests use a small one).
    init(url: String, maxResumes: Int, connectTimeout: Duration, lowSpeedTimeout: Duration,
         bufferLimit: Int) throws(HTTPError) {
        let scheme = url.prefix { $0 != ":" }.lowercased()
        guard scheme == "http" || scheme == "https", url.dropFirst(scheme.count).hasPrefix("://") else {
            throw .unsupportedURL(url: url)
        }
        self.url = url
        self.maxResumes = maxResumes
        body = BodyBuffer(limit: bufferLimit)
        transfer = try CurlTransfer(url: url, connectTimeout: connectTimeout,
                                    lowSpeedTimeout: lowSpeedTimeout, maxRedirects: 5)
        // Unretained: self owns the handle that calls back, so it outlives every callback.
        try transfer.setSinks(context: Unmanaged.passUnretained(self).toOpaque(), body: { data, size, count, context in
            guard let data, let context else { return 0 }
            let stream = Unmanaged<HTTPStream>.fromOpaque(context).takeUnretainedValue()
            return stream.accept(UnsafeRawBufferPointer(start: data, count: size * count))
        }, header: { data, size, count, context in
            guard let data, let context else { return 0 }
            let line = UnsafeRawBufferPointer(start: data, count: size * count)
            Unmanaged<HTTPStream>.fromOpaque(context).takeUnretainedValue().head
                .take(line: Substring(decoding: line, as: UTF8.self))
            return size * count
        })
    }

    /// Reads the next bytes of the body into `buffer`; returns how many, 0 once the body ended.
    ///
    /// - Throws: `HTTPError` for an error status, a failed transfer, a rejected resume, or
    ///   more drops than `maxResumes`, once the bytes received before it were read; every later
    ///   read throws the same error.
    ///   Wraps `curl_multi_perform`, `curl_multi_poll` and `curl_easy_pause`.
    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(HTTPError) -> Int {
        guard buffer.count > 0 else { return 0 }
        do throws(HTTPError) {
            while body.isEmpty && !finished {
                if let terminalFailure { throw terminalFailure }
                try step()
                if body.isEmpty && !finished && !paused { try transfer.wait() }
            }
        } catch {
            // Bytes received before the failure are still good: hand them out, then fail.
            terminalFailure = error
            transfer.stop()
            if body.isEmpty { throw error }
        }
        let moved = body.drain(into: buffer)
        bytesDelivered += UInt64(moved)
        return moved
    }

    /// Starts, unpauses or advances the transfer once, without blocking.
    func step() throws(HTTPError) {
        if !started {
            started = true
            try request(from: 0)
        } else if paused && !body.isFull {
            paused = false
            try transfer.unpause()
        }
        if let result = try transfer.perform() { try end(with: result) }
    }

    /// Starts a request for the body from `offset` on, forgetting the previous response.
    func request(from offset: UInt64) throws(HTTPError) {
        head = ResponseHead()
        requestOffset = offset
        skipping = 0
        bodyBegun = false
        paused = false
        try transfer.start(from: offset)
    }
}
