/// Names for the ASCII bytes the grammar is written in.
extension UInt8 {
    static let tab = UInt8(ascii: "\t")
    static let lineFeed = UInt8(ascii: "\n")
    static let carriageReturn = UInt8(ascii: "\r")
    static let space = UInt8(ascii: " ")
    static let quote = UInt8(ascii: "\"")
    static let apostrophe = UInt8(ascii: "'")
    static let backslash = UInt8(ascii: "\\")
    static let hash = UInt8(ascii: "#")
    static let equals = UInt8(ascii: "=")
    static let dot = UInt8(ascii: ".")
    static let comma = UInt8(ascii: ",")
    static let colon = UInt8(ascii: ":")
    static let plus = UInt8(ascii: "+")
    static let minus = UInt8(ascii: "-")
    static let underscore = UInt8(ascii: "_")
    static let leftBracket = UInt8(ascii: "[")
    static let rightBracket = UInt8(ascii: "]")
    static let leftBrace = UInt8(ascii: "{")
    static let rightBrace = UInt8(ascii: "}")
    static let delete: UInt8 = 0x7F

    var isDecimalDigit: Bool { self >= UInt8(ascii: "0") && self <= UInt8(ascii: "9") }

    var isHexDigit: Bool {
        isDecimalDigit || (self | 0x20 >= UInt8(ascii: "a") && self | 0x20 <= UInt8(ascii: "f"))
    }

    /// Letters, digits, `_` and `-`: what a key may be written with unquoted.
    var isBareKeyCharacter: Bool {
        let lower = self | 0x20
        return isDecimalDigit || (lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "z"))
            || self == .underscore || self == .minus
    }

    /// Control characters TOML forbids in strings and comments; tab is the one it allows.
    var isForbiddenControl: Bool { (self < 0x20 && self != .tab) || self == .delete }

    /// The value of a hexadecimal digit; only meaningful when `isHexDigit`.
    var hexValue: UInt32 {
        isDecimalDigit ? UInt32(self - UInt8(ascii: "0")) : UInt32((self | 0x20) - UInt8(ascii: "a") + 10)
    }
}
