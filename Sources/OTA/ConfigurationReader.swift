import TOML

/// Reads typed keys out of one table of a configuration file; each error names `file:line` and the key path,
/// and `finish()` refuses keys nobody read, so a misspelt key never passes silently.
struct ConfigurationReader {
    let table: TOMLTable
    let path: String
    let file: String
    /// Relative paths are taken from here (the configuration file's directory).
    let base: String
    private var known: Set<String> = []

    init(_ table: TOMLTable, path: String, file: String, base: String) {
        self.table = table
        self.path = path
        self.file = file
        self.base = base
    }

    func keyPath(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    func failure(_ key: String, _ reason: String) -> OTAError {
        .configuration(file: file, line: (table[key]?.position ?? table.position).line, key: keyPath(key), reason: reason)
    }

    private mutating func node(_ key: String, required: Bool) throws(OTAError) -> TOMLNode? {
        known.insert(key)
        guard let node = table[key] else {
            if required { throw failure(key, "missing required key '\(key)'") }
            return nil
        }
        return node
    }

    mutating func string(_ key: String) throws(OTAError) -> String {
        guard let value = try optionalString(key) else { throw failure(key, "missing required key '\(key)'") }
        return value
    }

    mutating func optionalString(_ key: String) throws(OTAError) -> String? {
        guard let node = try node(key, required: false) else { return nil }
        guard case .string(let value) = node.value else { throw failure(key, "expected a string, found \(node.value.kindName)") }
        guard !value.isEmpty else { throw failure(key, "must not be empty") }
        return value
    }

    /// A path; relative ones are resolved against the configuration's directory.
    mutating func path(_ key: String, default fallback: String?) throws(OTAError) -> String {
        guard let value = try optionalString(key) ?? fallback else { throw failure(key, "missing required key '\(key)'") }
        return value.hasPrefix("/") ? value : "\(base)/\(value)"
    }

    mutating func integer(_ key: String, default fallback: Int, range: ClosedRange<Int>) throws(OTAError) -> Int {
        guard let node = try node(key, required: false) else { return fallback }
        guard case .integer(let value) = node.value else { throw failure(key, "expected an integer, found \(node.value.kindName)") }
        guard value >= range.lowerBound, value <= range.upperBound else {
            throw failure(key, "\(value) is outside \(range.lowerBound)–\(range.upperBound)")
        }
        return Int(value)
    }

    mutating func choice<T: RawRepresentable & CaseIterable>(_ key: String, _ type: T.Type, default fallback: T) throws(OTAError) -> T
    where T.RawValue == String {
        guard let text = try optionalString(key) else { return fallback }
        guard let value = T(rawValue: text) else {
            throw failure(key, "unknown value '\(text)' (expected one of \(T.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")))")
        }
        return value
    }

    /// A sub-table; an absent optional one reads as empty, so its keys take their defaults.
    mutating func table(_ key: String, required: Bool = true) throws(OTAError) -> ConfigurationReader {
        guard let node = try node(key, required: required) else {
            return ConfigurationReader(TOMLTable(position: table.position), path: keyPath(key), file: file, base: base)
        }
        guard case .table(let inner) = node.value else { throw failure(key, "expected a table, found \(node.value.kindName)") }
        return ConfigurationReader(inner, path: keyPath(key), file: file, base: base)
    }

    /// An array of tables (`[[key]]`).
    mutating func tables(_ key: String) throws(OTAError) -> [ConfigurationReader] {
        guard let node = try node(key, required: true) else { return [] }
        guard case .array(let items) = node.value else { throw failure(key, "expected [[\(key)]] tables, found \(node.value.kindName)") }
        var readers: [ConfigurationReader] = []
        for (index, item) in items.enumerated() {
            guard case .table(let inner) = item.value else { throw failure(key, "item \(index) is not a table") }
            readers.append(ConfigurationReader(inner, path: "\(keyPath(key))[\(index)]", file: file, base: base))
        }
        return readers
    }

    /// Refuses keys that were never read.
    func finish() throws(OTAError) {
        if let unknown = table.keys.first(where: { !known.contains($0) }) {
            throw failure(unknown, "unknown key '\(unknown)'")
        }
    }
}
