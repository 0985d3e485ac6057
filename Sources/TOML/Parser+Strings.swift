extension Parser {
    /// Reads `"..."`, resolving escapes.
    mutating func parseBasicString() throws(TOMLSyntaxError) -> String {
        let start = index
        index += 1
        // Most strings have no escapes; they are decoded straight from the source.
        var text: [UInt8] = []
        var run = index
        while true {
            guard index < bytes.count else { throw error("unterminated string", at: start) }
            let byte = bytes[index]
            if byte == .quote {
                index += 1
                if run == start + 1 { return self.text(run..<(index - 1)) }
                text.append(contentsOf: bytes[run..<(index - 1)])
                return String(decoding: text, as: UTF8.self)
            } else if byte == .backslash {
                text.append(contentsOf: bytes[run..<index])
                try parseEscape(into: &text, multiline: false)
                run = index
            } else if byte == .lineFeed || byte == .carriageReturn {
                throw error("unterminated string (newline before closing '\"')", at: start)
            } else if byte.isForbiddenControl {
                throw error("control character \(Self.codePoint(UInt32(byte))) in string")
            } else {
                index += 1
            }
        }
    }

    /// Reads `'...'`, which has no escapes.
    mutating func parseLiteralString() throws(TOMLSyntaxError) -> String {
        let start = index
        index += 1
        while true {
            guard index < bytes.count else { throw error("unterminated string", at: start) }
            let byte = bytes[index]
            if byte == .apostrophe {
                index += 1
                return text((start + 1)..<(index - 1))
            } else if byte == .lineFeed || byte == .carriageReturn {
                throw error("unterminated string (newline before closing \"'\")", at: start)
            } else if byte.isForbiddenControl {
                throw error("control character \(Self.codePoint(UInt32(byte))) in string")
            }
            index += 1
        }
    }

    /// Reads `"""..."""`: escapes, newlines (CRLF read as LF) and line-ending backslashes.
    mutating func parseMultilineBasicString() throws(TOMLSyntaxError) -> String {
        try parseMultiline(delimiter: .quote)
    }

    /// Reads `'''...'''`: newlines (CRLF read as LF) but no escapes.
    mutating func parseMultilineLiteralString() throws(TOMLSyntaxError) -> String {
        try parseMultiline(delimiter: .apostrophe)
    }

    private mutating func parseMultiline(delimiter: UInt8) throws(TOMLSyntaxError) -> String {
        let start = index
        index += 3
        // A newline right after the opening delimiter is not part of the string.
        _ = try consumeNewline()
        var text: [UInt8] = []
        while true {
            guard index < bytes.count else { throw error("unterminated multi-line string", at: start) }
            let byte = bytes[index]
            if byte == delimiter {
                var quotes = 1
                while quotes < 5 && peek(quotes) == delimiter { quotes += 1 }
                index += quotes
                // Up to two quotes may touch the closing delimiter; they belong to the content.
                text.append(contentsOf: repeatElement(delimiter, count: quotes >= 3 ? quotes - 3 : quotes))
                if quotes >= 3 { return String(decoding: text, as: UTF8.self) }
            } else if byte == .backslash && delimiter == .quote {
                try parseEscape(into: &text, multiline: true)
            } else if byte == .lineFeed || byte == .carriageReturn {
                _ = try consumeNewline()
                text.append(.lineFeed)
            } else if byte.isForbiddenControl {
                throw error("control character \(Self.codePoint(UInt32(byte))) in string")
            } else {
                text.append(byte)
                index += 1
            }
        }
    }

    /// Reads one escape sequence starting at the backslash and appends what it stands for.
    private mutating func parseEscape(into text: inout [UInt8], multiline: Bool) throws(TOMLSyntaxError) {
        let start = index
        index += 1
        guard let byte = peek() else { throw error("unterminated string", at: start) }
        index += 1
        switch byte {
        case UInt8(ascii: "b"): text.append(0x08)
        case UInt8(ascii: "t"): text.append(.tab)
        case UInt8(ascii: "n"): text.append(.lineFeed)
        case UInt8(ascii: "f"): text.append(0x0C)
        case UInt8(ascii: "r"): text.append(.carriageReturn)
        case .quote, .backslash: text.append(byte)
        case UInt8(ascii: "u"): try appendScalar(digits: 4, into: &text, escape: start)
        case UInt8(ascii: "U"): try appendScalar(digits: 8, into: &text, escape: start)
        case .space, .tab, .lineFeed, .carriageReturn:
            index -= 1
            guard multiline else { throw error("invalid escape: '\\' followed by whitespace", at: start) }
            try skipLineEndingBackslash(escape: start)
        default:
            index -= 1
            throw error("invalid escape '\\\(describe(index).trimmingQuotes)'", at: start)
        }
    }

    private mutating func appendScalar(digits: Int, into text: inout [UInt8], escape: Int) throws(TOMLSyntaxError) {
        var value: UInt32 = 0
        for _ in 0..<digits {
            guard let byte = peek(), byte.isHexDigit else {
                throw error("escape needs \(digits) hexadecimal digits", at: escape)
            }
            value = value << 4 | byte.hexValue
            index += 1
        }
        guard let scalar = Unicode.Scalar(value) else {
            throw error("escape \(Self.codePoint(value)) is not a Unicode scalar value", at: escape)
        }
        text.append(contentsOf: String(scalar).utf8)
    }

    /// After `\` at the end of a line, skips all whitespace and newlines up to the next content.
    private mutating func skipLineEndingBackslash(escape: Int) throws(TOMLSyntaxError) {
        skipWhitespace()
        guard try consumeNewline() else {
            if index >= bytes.count { return }
            throw error("invalid escape: '\\' followed by whitespace must end the line", at: escape)
        }
        repeat { skipWhitespace() } while try consumeNewline()
    }
}

extension String {
    /// `x` from `'x'`, so a described character can be shown inside another quote.
    fileprivate var trimmingQuotes: String {
        hasPrefix("'") && hasSuffix("'") && count >= 3 ? String(dropFirst().dropLast()) : self
    }
}
