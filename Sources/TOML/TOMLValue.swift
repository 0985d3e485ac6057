/// A TOML value without its position; nested values are `TOMLNode`s so they keep theirs.
///
/// Date-times are kept as their source text (e.g. `1979-05-27T07:32:00Z`): the document has
/// already been checked to be a valid RFC 3339 value of the given kind, and callers that need
/// a calendar type can convert the literal without losing fractional digits.
public indirect enum TOMLValue: Sendable, Equatable {
    case string(String)
    case integer(Int64)
    case float(Double)
    case boolean(Bool)
    case offsetDateTime(String)
    case localDateTime(String)
    case localDate(String)
    case localTime(String)
    case array([TOMLNode])
    case table(TOMLTable)

    /// The TOML name of this value's type, for messages such as "expected string, found integer".
    public var kindName: String {
        switch self {
        case .string: "string"
        case .integer: "integer"
        case .float: "float"
        case .boolean: "boolean"
        case .offsetDateTime: "offset date-time"
        case .localDateTime: "local date-time"
        case .localDate: "local date"
        case .localTime: "local time"
        case .array: "array"
        case .table: "table"
        }
    }
}
