/// The status line and the headers HTTPStream needs, of the response being received.
///
/// libcurl hands every header line of every response to the header callback, including the
/// responses to redirects it follows; a status line therefore starts a fresh head.
struct ResponseHead {
    var status: Int?
    var contentLength: UInt64?
    var contentRange: ContentRange?
    var entityTag: String?

    /// Takes one raw header line, CRLF included.
    mutating func take(line: Substring) {
        let line = line.trimmingSuffix { $0.isNewline }  // "\r\n" is one Character
        if line.hasPrefix("HTTP/") {
            self = ResponseHead()
            let fields = line.split(separator: " ", maxSplits: 2)
            status = fields.count >= 2 ? Int(fields[1]) : nil
            return
        }
        guard let colon = line.firstIndex(of: ":") else { return }
        let value = line[line.index(after: colon)...].drop { $0 == " " || $0 == "\t" }
        switch line[..<colon].lowercased() {
        case "content-length": contentLength = UInt64(value)
        case "content-range": contentRange = ContentRange(value)
        case "etag": entityTag = String(value)
        default: break
        }
    }
}

extension Substring {
    fileprivate func trimmingSuffix(while predicate: (Character) -> Bool) -> Substring {
        var end = endIndex
        while end > startIndex, predicate(self[index(before: end)]) { end = index(before: end) }
        return self[..<end]
    }
}
