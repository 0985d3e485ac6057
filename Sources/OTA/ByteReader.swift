/// Reads little-endian fields from a byte buffer, throwing at the first field that runs past its end.
struct ByteReader {
    let bytes: [UInt8]
    /// Where the buffer sits in the bundle, so errors give bundle offsets.
    let base: UInt64
    let source: String
    private(set) var position = 0

    init(_ bytes: [UInt8], base: UInt64, source: String) {
        self.bytes = bytes
        self.base = base
        self.source = source
    }

    var isAtEnd: Bool { position == bytes.count }
    var remaining: Int { bytes.count - position }

    func failure(_ reason: String) -> OTAError {
        .malformedBundle(source: source, offset: base + UInt64(position), reason: reason)
    }

    mutating func take(_ count: Int, _ what: String) throws(OTAError) -> ArraySlice<UInt8> {
        guard count >= 0, bytes.count - position >= count else {
            throw failure("the manifest ends inside \(what)")
        }
        defer { position += count }
        return bytes[position..<position + count]
    }

    mutating func integer<T: FixedWidthInteger & UnsignedInteger>(_ type: T.Type, _ what: String) throws(OTAError) -> T {
        let slice = try take(MemoryLayout<T>.size, what)
        return slice.reversed().reduce(T(0)) { $0 << 8 | T($1) }
    }

    /// A string: a 16-bit length, then that many bytes of UTF-8 without control characters.
    mutating func string(_ what: String) throws(OTAError) -> String {
        let length = Int(try integer(UInt16.self, "the length of \(what)"))
        let start = position
        let slice = try take(length, what)
        guard let text = String(validating: slice, as: UTF8.self),
              !text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else {
            position = start
            throw failure("\(what) is not UTF-8 text without control characters")
        }
        return text
    }
}

/// Appends little-endian fields, mirroring `ByteReader`.
struct ByteWriter {
    private(set) var bytes: [UInt8] = []

    mutating func append<T: FixedWidthInteger & UnsignedInteger>(_ value: T) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func append(_ raw: [UInt8]) { bytes.append(contentsOf: raw) }

    mutating func append(string: String) {
        let utf8 = Array(string.utf8)
        append(UInt16(utf8.count))
        bytes.append(contentsOf: utf8)
    }
}
