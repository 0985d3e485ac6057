/// The `Content-Range: bytes first-last/total` header of a 206 answer.
struct ContentRange: Equatable {
    var first: UInt64
    var last: UInt64
    /// nil for `*`: the server does not know the full length.
    var total: UInt64?

    /// Parses the header's value; nil for anything but a satisfied byte range.
    init?(_ value: Substring) {
        let trimmed = value.drop { $0 == " " }
        guard trimmed.lowercased().hasPrefix("bytes ") else { return nil }
        let spec = trimmed.dropFirst("bytes ".count)
        let parts = spec.split(separator: "/", maxSplits: 1)
        guard parts.count == 2 else { return nil }
        let bounds = parts[0].split(separator: "-", maxSplits: 1)
        guard bounds.count == 2, let first = UInt64(bounds[0]), let last = UInt64(bounds[1]),
              first <= last else { return nil }
        self.first = first
        self.last = last
        if parts[1] == "*" {
            total = nil
        } else {
            guard let total = UInt64(parts[1]), last < total else { return nil }
            self.total = total
        }
    }
}
