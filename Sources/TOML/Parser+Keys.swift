extension Parser {
    /// Reads a possibly dotted key; whitespace around the dots is allowed.
    mutating func parseKey() throws(TOMLSyntaxError) -> [KeySegment] {
        var segments = [try parseSimpleKey()]
        while true {
            let beforeWhitespace = index
            skipWhitespace()
            guard peek() == .dot else {
                index = beforeWhitespace
                return segments
            }
            index += 1
            skipWhitespace()
            segments.append(try parseSimpleKey())
            if segments.count > Self.maximumDepth {
                throw error("key has more than \(Self.maximumDepth) parts", at: index)
            }
        }
    }

    /// Reads a bare, basic-quoted or literal-quoted key segment.
    mutating func parseSimpleKey() throws(TOMLSyntaxError) -> KeySegment {
        let start = index
        let position = position()
        switch peek() {
        case .quote?, .apostrophe?:
            let delimiter = bytes[index]
            if peek(1) == delimiter && peek(2) == delimiter {
                throw error("multi-line strings cannot be used as keys")
            }
            let name = delimiter == .quote ? try parseBasicString() : try parseLiteralString()
            return KeySegment(name: name, position: position)
        case let byte? where byte.isBareKeyCharacter:
            while index < bytes.count && bytes[index].isBareKeyCharacter { index += 1 }
            return KeySegment(name: text(start..<index), position: position)
        default:
            throw error("expected a key, found \(describe(index))")
        }
    }

    /// Reads `[key]` or `[[key]]` and returns the table that following key/value pairs go into.
    mutating func parseHeader(root: TableBuilder) throws(TOMLSyntaxError) -> TableBuilder {
        let position = position()
        let isArray = peek(1) == .leftBracket
        index += isArray ? 2 : 1
        skipWhitespace()
        let key = try parseKey()
        skipWhitespace()
        let closing = isArray ? "]]" : "]"
        guard peek() == .rightBracket && (!isArray || peek(1) == .rightBracket) else {
            throw error("expected '\(closing)' to close table header, found \(describe(index))")
        }
        index += isArray ? 2 : 1
        return isArray
            ? try root.appendArrayTable(key, header: position)
            : try root.defineTable(key, header: position)
    }
}
