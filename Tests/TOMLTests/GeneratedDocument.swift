import KilnTestSupport
/// Random valid TOML documents, stressing the lexical corners a hand-written corpus covers thinly:
/// escapes, Unicode, every integer radix with underscores, arbitrary float bit patterns, dates,
/// layout (comments, newlines, trailing commas) and nesting.
struct GeneratedDocument {
    private var random: SeededGenerator

    init(seed: UInt64) {
        random = SeededGenerator(seed: seed)
    }

    mutating func make() -> String {
        var text = pairs(count: int(0...6), separator: "\n", depth: 0) + "\n"
        for section in 0..<int(0...4) {
            let header = bool() ? "[t\(section).\(key(section))]" : "[[a\(section % 2)]]"
            text += "\(header) # \(comment())\n" + pairs(count: int(0...4), separator: "\n", depth: 0) + "\n"
        }
        return text
    }

    private mutating func pairs(count: Int, separator: String, depth: Int) -> String {
        (0..<count).map { "\(key($0)) = \(value(depth: depth))" }.joined(separator: separator)
    }

    // Raw quotes are left out of multi-line bodies: three in a row would close the string.

    /// Unique per index, spelled in any of the ways that name the same key.
    private mutating func key(_ index: Int) -> String {
        pick(["k\(index)", "\"k\(index)\"", "'k\(index)'", "\"k\\u0030\(index)\"", "\"ké\(index)\"", "k.\(index)"])
    }

    private mutating func value(depth: Int) -> String {
        switch int(0...(depth < 3 ? 8 : 6)) {
        case 0: basicString()
        case 1: literalString()
        case 2: multilineString()
        case 3: integer()
        case 4: float()
        case 5: pick(["true", "false", "inf", "-inf", "+nan"])
        case 6: dateTime()
        case 7: array(depth: depth)
        default: "{" + pairs(count: int(0...3), separator: pick([",", " , ", ",\t"]), depth: depth + 1) + "}"
        }
    }

    private mutating func array(depth: Int) -> String {
        let items = (0..<int(0...4)).map { _ in value(depth: depth + 1) }
        let gap = pick([" ", "", "\n  ", " # \(comment())\n"])
        return "[" + gap + items.joined(separator: "," + gap) + (bool() && !items.isEmpty ? "," : "") + gap + "]"
    }

    private mutating func basicString() -> String {
        let pieces = ["a", "Z", " ", "#", "'", "\\n", "\\t", "\\\"", "\\\\", "\\b", "\\f", "\\r",
                      "\\u00E9", "\\U0001F600", "\\u0000", "é", "日本", "😀", "e\u{301}", "\t"]
        return "\"" + (0..<int(0...8)).map { _ in pick(pieces) }.joined() + "\""
    }

    private mutating func literalString() -> String {
        let pieces = ["a", " ", "\\", "\\n", "\"", "é", "😀", "#", "\t"]
        return "'" + (0..<int(0...8)).map { _ in pick(pieces) }.joined() + "'"
    }

    private mutating func multilineString() -> String {
        if bool() {
            let pieces = ["x", "\n", "\r\n", "\\\"", "\\n", "\\\n   ", "\\  \n\n", "é", "\t"]
            let body = (0..<int(0...8)).map { _ in pick(pieces) }.joined()
            return "\"\"\"" + pick(["", "\n"]) + "y" + body + "y" + pick(["", "\"", "\"\""]) + "\"\"\""
        }
        let pieces = ["x", "\n", "\r\n", "\\", "\"\"\"", "é"]
        let body = (0..<int(0...8)).map { _ in pick(pieces) }.joined()
        return "'''" + pick(["", "\n"]) + "y" + body + "y" + pick(["", "'", "''"]) + "'''"
    }

    private mutating func integer() -> String {
        let value = bool() ? Int64.random(in: -1000...1000, using: &random) : Int64.random(in: .min ... .max, using: &random)
        guard value >= 0, bool() else {
            return (value >= 0 && bool() ? "+" : "") + withUnderscores(String(value))
        }
        let (prefix, radix) = pick([("0x", 16), ("0o", 8), ("0b", 2)])
        let digits = String(value, radix: radix, uppercase: bool())
        return prefix + withUnderscores(String(repeating: "0", count: int(0...2)) + digits)
    }

    private mutating func float() -> String {
        var number = Double(bitPattern: random.next())
        if !number.isFinite || bool() { number = Double(Int.random(in: -99999...99999, using: &random)) / 64 }
        let text = number.description
        return bool() ? text.replacingFirst("e", with: "E") : text
    }

    private mutating func dateTime() -> String {
        let date = String(format4: int(1...9999)) + "-" + two(int(1...12)) + "-" + two(int(1...28))
        let time = two(int(0...23)) + ":" + two(int(0...59)) + ":" + two(int(0...59))
            + pick(["", ".5", ".123456", ".1234567891"])
        let offset = pick(["", "Z", "z", "+05:30", "-00:00", "-11:59"])
        return pick([date, time, date + pick(["T", "t", " "]) + time + offset])
    }

    private mutating func withUnderscores(_ digits: String) -> String {
        var result = ""
        for (offset, character) in digits.enumerated() {
            let between = offset > 0 && character != "-" && result.last?.isHexDigit == true
            if between && int(0...3) == 0 { result += "_" }
            result.append(character)
        }
        return result
    }

    private mutating func comment() -> String { pick(["", "note", "# é 😀 \t", "\"[x]\" = 1"]) }
    private func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
    private mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &random) }
    private mutating func bool() -> Bool { Bool.random(using: &random) }
    private mutating func pick<T>(_ choices: [T]) -> T { choices[int(0...(choices.count - 1))] }
}

private extension String {
    init(format4 value: Int) {
        self = String(repeating: "0", count: 4 - String(value).count) + String(value)
    }

    func replacingFirst(_ target: Character, with replacement: Character) -> String {
        guard let index = firstIndex(of: target) else { return self }
        var copy = self
        copy.replaceSubrange(index...index, with: String(replacement))
        return copy
    }
}
