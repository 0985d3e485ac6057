import TOML

/// A parsed document in the form the tomllib oracle prints, so both parsers can be compared.
///
/// Strings and keys are stored with every non-ASCII scalar spelled out, because Swift's `String ==`
/// would call canonically equivalent but different texts equal and hide a parser difference.
/// Floats are compared by bit pattern (NaN by kind), date-times after the normalisation
/// described in `Fixtures/tomllib_oracle.py`.
indirect enum Canonical: Equatable, Sendable, CustomStringConvertible {
    case scalar(type: String, value: String)
    case array([Canonical])
    case table([String: Canonical])

    init(_ table: TOMLTable) {
        let pairs = table.entries.map { (Self.exact($0.key), Canonical($0.node.value)) }
        self = .table(Dictionary(pairs) { _, _ in .scalar(type: "error", value: "duplicate key in output") })
    }

    init(_ value: TOMLValue) {
        switch value {
        case .string(let text): self = .scalar(type: "string", value: Self.exact(text))
        case .integer(let number): self = .scalar(type: "integer", value: String(number))
        case .float(let number):
            self = .scalar(type: "float", value: number.isNaN ? "nan" : String(number.bitPattern))
        case .boolean(let flag): self = .scalar(type: "bool", value: flag ? "true" : "false")
        case .offsetDateTime(let text): self = .scalar(type: "datetime", value: Self.normalizedDateTime(text))
        case .localDateTime(let text): self = .scalar(type: "datetime-local", value: Self.normalizedDateTime(text))
        case .localDate(let text): self = .scalar(type: "date-local", value: text)
        case .localTime(let text): self = .scalar(type: "time-local", value: Self.normalizedTime(text[...]))
        case .array(let nodes): self = .array(nodes.map { Canonical($0.value) })
        case .table(let table): self = Canonical(table)
        }
    }

    /// Reads the oracle's JSON (`{"table": [[key, value], ...]}`, `{"array": ...}`, `{"type": ..., "value": ...}`).
    init?(json: Any) {
        guard let object = json as? [String: Any] else { return nil }
        if let table = object["table"] as? [[Any]] {
            var converted: [String: Canonical] = [:]
            for pair in table {
                guard pair.count == 2, let key = pair[0] as? String, let item = Canonical(json: pair[1]) else {
                    return nil
                }
                converted[Self.exact(key)] = item
            }
            self = .table(converted)
        } else if let array = object["array"] as? [Any] {
            let items = array.compactMap { Canonical(json: $0) }
            guard items.count == array.count else { return nil }
            self = .array(items)
        } else if let type = object["type"] as? String, let value = object["value"] as? String {
            self = .scalar(type: type, value: type == "string" ? Self.exact(value) : value)
        } else {
            return nil
        }
    }

    var description: String {
        switch self {
        case .scalar(let type, let value): "\(type):\(value)"
        case .array(let items): "[" + items.map(\.description).joined(separator: ", ") + "]"
        case .table(let table):
            "{" + table.keys.sorted().map { "\($0)=\(table[$0]!)" }.joined(separator: ", ") + "}"
        }
    }

    static func exact(_ text: String) -> String {
        text.unicodeScalars.map { $0.isASCII ? String($0) : "\\u{\(String($0.value, radix: 16))}" }.joined()
    }

    /// `1979-05-27 07:32:00.5Z` becomes `1979-05-27T07:32:00.500000+00:00`, as the oracle prints it.
    static func normalizedDateTime(_ text: String) -> String {
        String(text.prefix(10)) + "T" + normalizedTime(text.dropFirst(11))
    }

    static func normalizedTime(_ text: Substring) -> String {
        var rest = text.dropFirst(8)
        var fraction = ""
        if rest.first == "." {
            let digits = rest.dropFirst().prefix { $0.isASCII && $0.isNumber }
            fraction = String(digits.prefix(6))
            rest = rest.dropFirst(1 + digits.count)
        }
        fraction += String(repeating: "0", count: 6 - fraction.count)
        let offset = ["Z", "z", "-00:00"].contains(String(rest)) ? "+00:00" : String(rest)
        return text.prefix(8) + "." + fraction + offset
    }
}
