extension Parser {
    /// Whether the digits at the cursor start a date (`1979-`) or a time (`07:`) rather than a number.
    func looksLikeDateOrTime() -> Bool {
        let isDigit = { (offset: Int) in peek(offset)?.isDecimalDigit ?? false }
        if isDigit(0) && isDigit(1) && peek(2) == .colon { return true }
        return isDigit(0) && isDigit(1) && isDigit(2) && isDigit(3) && peek(4) == .minus
    }

    /// Reads an RFC 3339 date, time, local date-time or offset date-time, keeping its source text.
    mutating func parseDateTime() throws(TOMLSyntaxError) -> TOMLValue {
        let start = index
        if peek(2) == .colon {
            try parseTime()
            return .localTime(text(from: start))
        }
        try parseDate()
        let separator = peek()
        let hasTime = separator == UInt8(ascii: "T") || separator == UInt8(ascii: "t")
            // A space separates date and time only when a time follows; otherwise the date ends there.
            || (separator == .space && (peek(1)?.isDecimalDigit ?? false)
                && (peek(2)?.isDecimalDigit ?? false) && peek(3) == .colon)
        guard hasTime else { return .localDate(text(from: start)) }
        index += 1
        try parseTime()
        guard try parseOffset() else { return .localDateTime(text(from: start)) }
        return .offsetDateTime(text(from: start))
    }

    private func text(from start: Int) -> String {
        text(start..<index)
    }

    private mutating func parseDate() throws(TOMLSyntaxError) {
        let year = try parseField(digits: 4, "year", in: 0...9999)
        try expect(.minus, in: "date")
        let month = try parseField(digits: 2, "month", in: 1...12)
        try expect(.minus, in: "date")
        let days = Self.daysIn(month: month, year: year)
        _ = try parseField(digits: 2, "day", in: 1...days)
    }

    private mutating func parseTime() throws(TOMLSyntaxError) {
        _ = try parseField(digits: 2, "hour", in: 0...23)
        try expect(.colon, in: "time")
        _ = try parseField(digits: 2, "minute", in: 0...59)
        try expect(.colon, in: "time")
        _ = try parseField(digits: 2, "second", in: 0...59)
        guard peek() == .dot else { return }
        index += 1
        guard peek()?.isDecimalDigit ?? false else {
            throw error("expected digit in fractional seconds, found \(describe(index))")
        }
        while peek()?.isDecimalDigit ?? false { index += 1 }
    }

    /// Reads `Z`, `z` or `±HH:MM` if present.
    private mutating func parseOffset() throws(TOMLSyntaxError) -> Bool {
        switch peek() {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            index += 1
            return true
        case .plus, .minus:
            index += 1
            _ = try parseField(digits: 2, "offset hour", in: 0...23)
            try expect(.colon, in: "time offset")
            _ = try parseField(digits: 2, "offset minute", in: 0...59)
            return true
        default:
            return false
        }
    }

    private mutating func parseField(
        digits: Int, _ name: String, in range: ClosedRange<Int>
    ) throws(TOMLSyntaxError) -> Int {
        let start = index
        var value = 0
        for _ in 0..<digits {
            guard let byte = peek(), byte.isDecimalDigit else {
                throw error("expected \(digits)-digit \(name), found \(describe(index))")
            }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
            index += 1
        }
        guard range.contains(value) else {
            let low = String(range.lowerBound), high = String(range.upperBound)
            throw error("\(name) must be between \(low) and \(high)", at: start)
        }
        return value
    }

    private mutating func expect(_ byte: UInt8, in what: String) throws(TOMLSyntaxError) {
        guard peek() == byte else {
            throw error("expected '\(Character(Unicode.Scalar(byte)))' in \(what), found \(describe(index))")
        }
        index += 1
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
