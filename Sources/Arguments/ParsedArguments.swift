/// The words given for one command's arguments, read by name with typed accessors.
///
/// Asking for a name the command does not define is a programming error and traps.
public struct ParsedArguments: Sendable {
    public let definitions: [ArgumentDefinition]
    /// Each argument's words in order; a flag has one empty word per occurrence.
    private var words: [String: [String]] = [:]

    public init(definitions: [ArgumentDefinition]) {
        self.definitions = definitions
    }

    /// Records one word for `name`.
    mutating func append(_ word: String, for name: String) {
        words[name, default: []].append(word)
    }

    /// Records that `name` was seen without a word (a flag, or an empty passthrough).
    mutating func markPresent(_ name: String) {
        if words[name] == nil { words[name] = [] }
    }

    /// The words given for `name`, without defaults.
    public func words(for name: String) -> [String] {
        _ = definition(name)
        return words[name] ?? []
    }

    /// Whether `name` appeared at all.
    public func isPresent(_ name: String) -> Bool {
        _ = definition(name)
        return words[name] != nil
    }

    /// Whether the flag `name` was given.
    public func flag(_ name: String) -> Bool {
        precondition(definition(name).kind == .flag, "\(name) is not a flag")
        return words[name] != nil
    }

    /// The value of `name` converted to `T`, the default when absent, nil when neither;
    /// throws `UsageError` naming the argument and the text that does not convert.
    public func value<T: ArgumentValue>(_ name: String, as type: T.Type = T.self) throws(UsageError) -> T? {
        let definition = definition(name)
        guard let text = words[name]?.last ?? definition.defaultValue else { return nil }
        return try convert(text, definition)
    }

    /// The value of a required argument (parsing has checked it is there); throws `UsageError` as `value`.
    public func required<T: ArgumentValue>(_ name: String, as type: T.Type = T.self) throws(UsageError) -> T {
        guard let value = try value(name, as: type) else {
            throw UsageError("Missing expected argument '\(definition(name).label)'")
        }
        return value
    }

    /// Every value given for `name`, converted; throws `UsageError` for the first that does not convert.
    public func values<T: ArgumentValue>(_ name: String, as type: T.Type = T.self) throws(UsageError) -> [T] {
        let definition = definition(name)
        var converted: [T] = []
        for text in words[name] ?? [] { converted.append(try convert(text, definition)) }
        return converted
    }

    private func convert<T: ArgumentValue>(_ text: String, _ definition: ArgumentDefinition) throws(UsageError) -> T {
        guard let value = T(argument: text) else {
            throw UsageError("The value '\(text)' is invalid for '\(definition.label)': expected \(T.expectation)")
        }
        return value
    }

    func definition(_ name: String) -> ArgumentDefinition {
        guard let found = definitions.first(where: { $0.name == name }) else {
            preconditionFailure("no argument named \(name)")
        }
        return found
    }
}
