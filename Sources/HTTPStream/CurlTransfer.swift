import CLibcurlLoader

/// One libcurl easy handle driven by its own multi handle, so a caller can pull the body
/// step by step on its own thread instead of handing control to `curl_easy_perform`.
final class CurlTransfer {
    let url: String
    private let libcurl: Libcurl
    private let easy: UnsafeMutableRawPointer
    private let multi: UnsafeMutableRawPointer
    /// CURLOPT_ERRORBUFFER's storage: libcurl's detailed message for the last failure.
    private let errorBuffer: UnsafeMutablePointer<CChar>
    private var added = false

    init(url: String, connectTimeout: Duration, lowSpeedTimeout: Duration,
         maxRedirects: Int) throws(HTTPError) {
        self.url = url
        let libcurl = try Libcurl.load(for: url)
        self.libcurl = libcurl
        guard let easy = libcurl.curl_easy_init(), let multi = libcurl.curl_multi_init() else {
            throw .transfer(url: url, message: "cannot create a libcurl handle", code: Int(CURLE_OUT_OF_MEMORY.rawValue))
        }
        self.easy = easy
        self.multi = multi
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE))
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
        try check(kiln_curl_set_url(libcurl.functions, easy, url))
        try check(kiln_curl_set_protocols(libcurl.functions, easy, "http,https"))
        try check(kiln_curl_set_redirects(libcurl.functions, easy, maxRedirects))
        try check(kiln_curl_set_connect_timeout_ms(libcurl.functions, easy, max(1, Int(connectTimeout.milliseconds))))
        // Any byte per second counts as progress; only a connection that stalls completely is cut.
        try check(kiln_curl_set_low_speed(libcurl.functions, easy, 1, max(1, Int(lowSpeedTimeout.roundedUpSeconds))))
        try check(kiln_curl_set_no_signal(libcurl.functions, easy))
        try check(kiln_curl_set_fail_on_error(libcurl.functions, easy))
        try check(kiln_curl_set_error_buffer(libcurl.functions, easy, errorBuffer))
    }

    deinit {
        if added { _ = libcurl.curl_multi_remove_handle(multi, easy) }
        libcurl.curl_easy_cleanup(easy)
        _ = libcurl.curl_multi_cleanup(multi)
        errorBuffer.deallocate()
    }

    /// Routes body and header bytes to `body` and `header`, each called with `context`.
    func setSinks(context: UnsafeMutableRawPointer, body: curl_write_callback,
                  header: curl_write_callback) throws(HTTPError) {
        try check(kiln_curl_set_body_sink(libcurl.functions, easy, body, context))
        try check(kiln_curl_set_header_sink(libcurl.functions, easy, header, context))
    }

    /// Starts a request for the body from byte `offset` on (a Range request when not 0).
    func start(from offset: UInt64) throws(HTTPError) {
        stop()
        // libcurl copies option strings, so a temporary is enough.
        if offset == 0 {
            try check(kiln_curl_set_range(libcurl.functions, easy, nil))
        } else {
            try check(kiln_curl_set_range(libcurl.functions, easy, "\(offset)-"))
        }
        errorBuffer[0] = 0
        try check(libcurl.curl_multi_add_handle(multi, easy))
        added = true
    }

    /// Lets libcurl do what it can without blocking; returns the transfer's result once it ended.
    func perform() throws(HTTPError) -> CURLcode? {
        var running: Int32 = 0
        try check(libcurl.curl_multi_perform(multi, &running))
        var queued: Int32 = 0
        while let message = libcurl.curl_multi_info_read(multi, &queued) {
            if message.pointee.msg == CURLMSG_DONE, message.pointee.easy_handle == easy {
                return message.pointee.data.result
            }
        }
        return nil
    }

    /// Blocks until the socket has something for libcurl, or a second passed (libcurl's timers).
    func wait() throws(HTTPError) {
        try check(libcurl.curl_multi_poll(multi, nil, 0, 1000, nil))
    }

    /// Lets a transfer the body sink paused deliver again; libcurl may call the sink right here.
    func unpause() throws(HTTPError) {
        try check(libcurl.curl_easy_pause(easy, CURLPAUSE_CONT))
    }

    /// Detaches the handle from the multi handle, ending any transfer in flight.
    func stop() {
        guard added else { return }
        _ = libcurl.curl_multi_remove_handle(multi, easy)
        added = false
    }

    /// libcurl's detailed message for `code`: the error buffer, or the generic text.
    func message(for code: CURLcode) -> String {
        let detailed = String(cString: errorBuffer)
        return detailed.isEmpty ? libcurl.message(for: code) : detailed
    }

    private func check(_ code: CURLcode) throws(HTTPError) {
        guard code != CURLE_OK else { return }
        throw .transfer(url: url, message: message(for: code), code: Int(code.rawValue))
    }

    private func check(_ code: CURLMcode) throws(HTTPError) {
        guard code != CURLM_OK else { return }
        throw .transfer(url: url, message: libcurl.message(for: code), code: Int(code.rawValue))
    }
}

extension Duration {
    fileprivate var milliseconds: Int64 {
        components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000
    }

    fileprivate var roundedUpSeconds: Int64 {
        components.seconds + (components.attoseconds > 0 ? 1 : 0)
    }
}
