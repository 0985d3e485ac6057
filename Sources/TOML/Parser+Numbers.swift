extension Parser {
    /// Reads an integer or float: decimal, `0x`/`0o`/`0b`, exponents, `inf` and `nan`.
    mutating func parseNumber() throws(TOMLSyntaxError) -> TOMLValue {
        let start = index
        let sign = peek()
        let negative = sign == .minus
        if sign == .plus || sign == .minus { index += 1 }
        if matches("inf") || matches("nan") {
            let value = bytes[index] == UInt8(ascii: "i") ? Double.infinity : Double.nan
            index += 3
            return .float(negative ? -value : value)
        }
        if peek() == UInt8(ascii: "0"), let radix = Self.radix(of: peek(1)) {
            guard start == index else {
                throw error("hexadecimal, octal and binary integers cannot have a sign", at: start)
            }
            index += 2
            return .integer(try parseRadixDigits(radix, start: start))
        }
        return try parseDecimal(start: start, negative: negative)
    }

    private static func radix(of prefix: UInt8?) -> Int64? {
        switch prefix {
        case UInt8(ascii: "x"): 16
        case UInt8(ascii: "o"): 8
        case UInt8(ascii: "b"): 2
        default: nil
        }
    }

    private mutating func parseRadixDigits(_ radix: Int64, start: Int) throws(TOMLSyntaxError) -> Int64 {
        let isDigit: (UInt8) -> Bool = { byte in
            byte.isHexDigit && Int64(byte.hexValue) < radix
        }
        let name = radix == 16 ? "hexadecimal" : radix == 8 ? "octal" : "binary"
        let digits = try scanDigits(isDigit, what: "\(name) digit")
        var value: Int64 = 0
        for digit in digits {
            let shifted = value.multipliedReportingOverflow(by: radix)
            let sum = shifted.partialValue.addingReportingOverflow(Int64(digit.hexValue))
            guard !shifted.overflow && !sum.overflow else { throw error("integer out of range", at: start) }
            value = sum.partialValue
        }
        return value
    }

    private mutating func parseDecimal(start: Int, negative: Bool) throws(TOMLSyntaxError) -> TOMLValue {
        let integerStart = index
        var text = try scanDigits(\.isDecimalDigit, what: "digit")
        if text.count > 1 && text[0] == UInt8(ascii: "0") {
            throw error("leading zeros are not allowed", at: integerStart)
        }
        var isFloat = false
        if peek() == .dot {
            index += 1
            isFloat = true
            text.append(.dot)
            text += try scanDigits(\.isDecimalDigit, what: "digit after '.'")
        }
        if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
            index += 1
            isFloat = true
            text.append(UInt8(ascii: "e"))
            if let sign = peek(), sign == .plus || sign == .minus {
                text.append(sign)
                index += 1
            }
            text += try scanDigits(\.isDecimalDigit, what: "digit in exponent")
        }
        if isFloat {
            guard let value = Double(String(decoding: text, as: UTF8.self)) else {
                throw error("invalid float", at: start)
            }
            return .float(negative ? -value : value)
        }
        return .integer(try decimalInteger(text, negative: negative, start: start))
    }

    /// Accumulates towards the sign so that -9223372036854775808 does not overflow on the way.
    private mutating func decimalInteger(_ digits: [UInt8], negative: Bool, start: Int) throws(TOMLSyntaxError) -> Int64 {
        var value: Int64 = 0
        for digit in digits {
            let shifted = value.multipliedReportingOverflow(by: 10)
            let amount = Int64(digit - UInt8(ascii: "0"))
            let next = negative
                ? shifted.partialValue.subtractingReportingOverflow(amount)
                : shifted.partialValue.addingReportingOverflow(amount)
            guard !shifted.overflow && !next.overflow else { throw error("integer out of range", at: start) }
            value = next.partialValue
        }
        return value
    }

    /// Reads one or more digits where each `_` must sit between two digits; returns them without `_`.
    private mutating func scanDigits(_ isDigit: (UInt8) -> Bool, what: String) throws(TOMLSyntaxError) -> [UInt8] {
        guard let first = peek(), isDigit(first) else {
            throw error("expected \(what), found \(describe(index))")
        }
        var digits: [UInt8] = []
        while let byte = peek() {
            if isDigit(byte) {
                digits.append(byte)
            } else if byte == .underscore {
                guard let next = peek(1), isDigit(next) else {
                    throw error("'_' in a number must be between digits")
                }
            } else {
                break
            }
            index += 1
        }
        return digits
    }
}
