/// U-Boot's environment: `name=value` variables in the order they were first set.
///
/// Order is kept so the same variables always serialize to the same bytes; setting a name that exists
/// replaces its value where it stands.
public struct BootloaderEnvironment: Sendable, Equatable {
    /// One `name=value` pair.
    public struct Variable: Sendable, Hashable {
        public var name: String
        public var value: String

        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    public private(set) var variables: [Variable] = []

    public init() {}

    /// The variables in order; a repeated name keeps its first position and its last value.
    /// - Throws: `EnvironmentError.invalidVariable` for a name or value U-Boot cannot store.
    public init(_ pairs: KeyValuePairs<String, String>) throws {
        for (name, value) in pairs { try set(name, value) }
    }

    /// The variables in order, as `init(_:)` but from a list.
    /// - Throws: `EnvironmentError.invalidVariable` for a name or value U-Boot cannot store.
    public init(variables: [Variable]) throws {
        for variable in variables { try set(variable.name, variable.value) }
    }

    /// The value of `name`, or nil when it is not set.
    public subscript(name: String) -> String? {
        variables.first { $0.name == name }?.value
    }

    public var names: [String] { variables.map(\.name) }

    /// Sets `name` to `value`: in place when it exists, else at the end.
    /// - Throws: `EnvironmentError.invalidVariable` when the name is empty or holds `=` or NUL, or the value holds NUL.
    public mutating func set(_ name: String, _ value: String) throws {
        try Self.validate(name: name, value: value)
        setValidated(name, value)
    }

    /// `set` for a name and value already known to be storable.
    mutating func setValidated(_ name: String, _ value: String) {
        if let index = variables.firstIndex(where: { $0.name == name }) {
            variables[index].value = value
        } else {
            variables.append(Variable(name: name, value: value))
        }
    }

    /// Removes `name`; returns its value, or nil when it was not set.
    @discardableResult
    public mutating func remove(_ name: String) -> String? {
        guard let index = variables.firstIndex(where: { $0.name == name }) else { return nil }
        return variables.remove(at: index).value
    }

    /// The same variables ordered by name byte by byte, as libubootenv (`fw_setenv`) and U-Boot's `env export` write them.
    public func sortedByName() -> BootloaderEnvironment {
        var sorted = self
        sorted.variables.sort { Array($0.name.utf8).lexicographicallyPrecedes(Array($1.name.utf8)) }
        return sorted
    }

    /// The data area without padding: `name=value\0` for each variable, then the terminating `\0`.
    public var encoded: [UInt8] {
        var bytes: [UInt8] = []
        for variable in variables {
            bytes += variable.name.utf8
            bytes.append(UInt8(ascii: "="))
            bytes += variable.value.utf8
            bytes.append(0)
        }
        bytes.append(0)
        return bytes
    }

    static func validate(name: String, value: String) throws {
        if name.isEmpty { throw EnvironmentError.invalidVariable(name: name, reason: "the name is empty") }
        if name.utf8.contains(UInt8(ascii: "=")) {
            throw EnvironmentError.invalidVariable(name: name, reason: "the name contains '='")
        }
        if name.utf8.contains(0) { throw EnvironmentError.invalidVariable(name: name, reason: "the name contains NUL") }
        if value.utf8.contains(0) {
            throw EnvironmentError.invalidVariable(name: name, reason: "the value contains NUL")
        }
    }
}
