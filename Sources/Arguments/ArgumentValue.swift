/// A type an argument's text converts to.
///
/// Enumerations with `String` raw values get the conversion by declaring conformance.
public protocol ArgumentValue {
    /// The value `text` stands for, or nil when it stands for none.
    init?(argument text: String)
    /// What a valid value looks like, for the error about an invalid one: "an integer".
    static var expectation: String { get }
}

extension ArgumentValue where Self: RawRepresentable & CaseIterable, RawValue == String {
    public init?(argument text: String) { self.init(rawValue: text) }
    public static var expectation: String { "one of " + allCases.map(\.rawValue).joined(separator: ", ") }
    /// The raw values, for an argument definition's `values:`.
    public static var argumentValues: [String] { allCases.map(\.rawValue) }
}

extension String: ArgumentValue {
    public init?(argument text: String) { self = text }
    public static var expectation: String { "a string" }
}

extension Int: ArgumentValue {
    public init?(argument text: String) { self.init(text) }
    public static var expectation: String { "an integer" }
}

extension Int32: ArgumentValue {
    public init?(argument text: String) { self.init(text) }
    public static var expectation: String { "an integer that fits 32 bits" }
}

extension Int64: ArgumentValue {
    public init?(argument text: String) { self.init(text) }
    public static var expectation: String { "an integer" }
}

extension UInt8: ArgumentValue {
    public init?(argument text: String) { self.init(text) }
    public static var expectation: String { "an integer from 0 to 255" }
}

extension UInt16: ArgumentValue {
    public init?(argument text: String) { self.init(text) }
    public static var expectation: String { "an integer from 0 to 65535" }
}

extension UInt32: ArgumentValue {
    public init?(argument text: String) { self.init(text) }
    public static var expectation: String { "a non-negative integer that fits 32 bits" }
}

extension UInt64: ArgumentValue {
    public init?(argument text: String) { self.init(text) }
    public static var expectation: String { "a non-negative integer" }
}
