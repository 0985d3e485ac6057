extension Parser {
    /// Reads one value of any kind, starting at the cursor.
    mutating func parseValue() throws(TOMLSyntaxError) -> TOMLNode {
        let position = position()
        guard let byte = peek() else { throw error("expected a value, found end of file") }
        let value: TOMLValue
        switch byte {
        case .quote:
            value = .string(peek(1) == .quote && peek(2) == .quote
                ? try parseMultilineBasicString() : try parseBasicString())
        case .apostrophe:
            value = .string(peek(1) == .apostrophe && peek(2) == .apostrophe
                ? try parseMultilineLiteralString() : try parseLiteralString())
        case UInt8(ascii: "t"), UInt8(ascii: "f"):
            value = .boolean(try parseBoolean())
        case .leftBracket:
            return try parseArray(at: position)
        case .leftBrace:
            return try parseInlineTable(at: position)
        case .plus, .minus, UInt8(ascii: "i"), UInt8(ascii: "n"):
            value = try parseNumber()
        case let digit where digit.isDecimalDigit:
            value = looksLikeDateOrTime() ? try parseDateTime() : try parseNumber()
        default:
            throw error("expected a value, found \(describe(index))")
        }
        return TOMLNode(value: value, position: position)
    }

    private mutating func parseBoolean() throws(TOMLSyntaxError) -> Bool {
        if matches("true") {
            index += 4
            return true
        }
        if matches("false") {
            index += 5
            return false
        }
        throw error("expected a value, found \(describe(index))")
    }

    /// Whether the bytes at the cursor spell `word`.
    func matches(_ word: String) -> Bool {
        var offset = index
        for byte in word.utf8 {
            guard offset < bytes.count && bytes[offset] == byte else { return false }
            offset += 1
        }
        return true
    }

    private mutating func parseArray(at position: SourcePosition) throws(TOMLSyntaxError) -> TOMLNode {
        try enterNesting()
        index += 1
        var elements: [TOMLNode] = []
        while true {
            try skipBlankLines()
            if peek() == .rightBracket { break }
            elements.append(try parseValue())
            try skipBlankLines()
            if peek() == .comma {
                index += 1
            } else if peek() != .rightBracket {
                throw error("expected ',' or ']' in array, found \(describe(index))")
            }
        }
        index += 1
        depth -= 1
        return TOMLNode(value: .array(elements), position: position)
    }

    private mutating func parseInlineTable(at position: SourcePosition) throws(TOMLSyntaxError) -> TOMLNode {
        try enterNesting()
        index += 1
        let table = TableBuilder(origin: .inline, position: position)
        skipWhitespace()
        if peek() != .rightBrace {
            while true {
                try parseKeyValue(into: table)
                skipWhitespace()
                if peek() == .rightBrace { break }
                guard peek() == .comma else {
                    throw error("expected ',' or '}' in inline table, found \(describe(index))")
                }
                index += 1
                skipWhitespace()
                if peek() == .rightBrace { throw error("trailing comma not allowed in inline table") }
            }
        }
        index += 1
        depth -= 1
        return TOMLNode(value: .table(table.build()), position: position)
    }

    private mutating func enterNesting() throws(TOMLSyntaxError) {
        depth += 1
        if depth > Self.maximumDepth {
            throw error("arrays and inline tables nested more than \(Self.maximumDepth) deep")
        }
    }
}
