/// A recursive-descent TOML 1.0 parser over the document's UTF-8 bytes.
///
/// Working on bytes with an integer cursor keeps multi-megabyte configs cheap to read;
/// positions are computed only for what is recorded (see `LineIndex`). The buffer belongs to
/// `TOMLDocument.parse`, which keeps it alive while the parser exists.
struct Parser {
    /// Deeper nesting than this is rejected rather than risking the stack of the calling thread.
    static let maximumDepth = 128

    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0
    var lines: LineIndex
    var depth = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        lines = LineIndex(bytes)
    }

    mutating func parseDocument() throws(TOMLSyntaxError) -> TOMLTable {
        let root = TableBuilder(origin: .root, position: .start)
        var current = root
        while true {
            try skipBlankLines()
            guard let byte = peek() else { break }
            if byte == .leftBracket {
                current = try parseHeader(root: root)
                try expectLineEnd(after: "table header")
            } else {
                try parseKeyValue(into: current)
                try expectLineEnd(after: "value")
            }
        }
        return root.build()
    }

    /// Reads `key = value` and stores it in `table`, following the dotted-key rules.
    mutating func parseKeyValue(into table: TableBuilder) throws(TOMLSyntaxError) {
        let key = try parseKey()
        skipWhitespace()
        guard peek() == .equals else {
            throw error("expected '=' after key, found \(describe(index))")
        }
        index += 1
        skipWhitespace()
        let node = try parseValue()
        try table.insert(key, node: node)
    }

    // MARK: Cursor

    func peek(_ ahead: Int = 0) -> UInt8? {
        index + ahead < bytes.count ? bytes[index + ahead] : nil
    }

    mutating func position(at offset: Int? = nil) -> SourcePosition {
        lines.position(of: offset ?? index)
    }

    mutating func error(_ message: String, at offset: Int? = nil) -> TOMLSyntaxError {
        TOMLSyntaxError(position: position(at: offset), message: message)
    }

    /// Names what sits at `offset` for an error message: `'x'`, `newline`, `end of file`, `U+0007`.
    func describe(_ offset: Int) -> String {
        guard offset < bytes.count else { return "end of file" }
        let byte = bytes[offset]
        if byte == .lineFeed || byte == .carriageReturn { return "newline" }
        if byte.isForbiddenControl { return "control character \(Self.codePoint(UInt32(byte)))" }
        if byte < 0x80 { return "'\(Character(Unicode.Scalar(byte)))'" }
        var end = offset + 1
        while end < bytes.count && bytes[end] & 0xC0 == 0x80 { end += 1 }
        let character = text(offset..<end)
        // Invisible in a terminal, and the usual surprise at the start of a file saved on Windows.
        if character == "\u{FEFF}" { return "byte order mark U+FEFF" }
        return "'\(character)'"
    }

    /// The source bytes in `range` as a string.
    func text(_ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    static func codePoint(_ value: UInt32) -> String {
        let hex = String(value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    // MARK: Whitespace, comments and line ends

    mutating func skipWhitespace() {
        while index < bytes.count && (bytes[index] == .space || bytes[index] == .tab) {
            index += 1
        }
    }

    /// Consumes a comment up to (not including) its line end, rejecting control characters in it.
    mutating func skipComment() throws(TOMLSyntaxError) {
        guard peek() == .hash else { return }
        index += 1
        while index < bytes.count {
            let byte = bytes[index]
            if byte == .lineFeed || byte == .carriageReturn { return }
            if byte.isForbiddenControl {
                throw error("control character \(Self.codePoint(UInt32(byte))) in comment")
            }
            index += 1
        }
    }

    /// Consumes LF or CRLF; a carriage return on its own is an error.
    mutating func consumeNewline() throws(TOMLSyntaxError) -> Bool {
        guard let byte = peek() else { return false }
        if byte == .lineFeed {
            index += 1
            return true
        }
        guard byte == .carriageReturn else { return false }
        guard peek(1) == .lineFeed else { throw error("carriage return not followed by line feed") }
        index += 2
        return true
    }

    /// Skips whitespace, comments and newlines: what may separate statements or array items.
    mutating func skipBlankLines() throws(TOMLSyntaxError) {
        repeat {
            skipWhitespace()
            try skipComment()
        } while try consumeNewline()
    }

    /// Requires the rest of the line to be empty apart from whitespace and a comment.
    mutating func expectLineEnd(after what: String) throws(TOMLSyntaxError) {
        skipWhitespace()
        try skipComment()
        guard index < bytes.count else { return }
        guard try consumeNewline() else {
            throw error("expected newline after \(what), found \(describe(index))")
        }
    }
}
