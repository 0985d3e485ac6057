import TOML

/// Reads typed values out of one TOML table of router.toml; every failure is a `RouterError`
/// naming the file, the line and the key path.
struct ConfigReader {
    let table: TOMLTable
    /// The key path of this table (`zones.wan`, `rules[2]`); empty for the root.
    let path: String
    let file: String

    /// The line the table starts on (its header).
    var line: Int { table.position.line }

    func keyPath(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// The line of `key`'s value, or of the table when the key is absent.
    func line(of key: String) -> Int { table[key]?.position.line ?? line }

    /// An error about `key` at its line.
    func error(_ key: String, _ message: String) -> RouterError {
        RouterError(file: file, line: line(of: key), subject: keyPath(key), message: message)
    }

    /// An error about the table itself.
    func error(_ message: String) -> RouterError {
        RouterError(file: file, line: line, subject: path.isEmpty ? nil : path, message: message)
    }

    /// Turns a value-level problem into a located error.
    func located<T>(_ key: String, _ result: Result<T, ConfigProblem>) throws(RouterError) -> T {
        switch result {
        case .success(let value): return value
        case .failure(let problem): throw error(key, problem.message)
        }
    }

    /// Rejects keys outside `allowed`, so a typo never passes silently.
    func rejectUnknownKeys(_ allowed: [String]) throws(RouterError) {
        for entry in table.entries where !allowed.contains(entry.key) {
            throw RouterError(file: file, line: entry.keyPosition.line, subject: keyPath(entry.key),
                              message: "unknown key (expected one of: \(allowed.joined(separator: ", ")))")
        }
    }

    private func value(_ key: String, required: Bool) throws(RouterError) -> TOMLValue? {
        guard let node = table[key] else {
            if required { throw error(key, "missing required key '\(key)'") }
            return nil
        }
        return node.value
    }

    private func mismatch(_ key: String, expected: String, found: TOMLValue) -> RouterError {
        error(key, "expected \(expected), found \(found.kindName)")
    }

    func string(_ key: String, required: Bool = false) throws(RouterError) -> String? {
        guard let value = try value(key, required: required) else { return nil }
        guard case .string(let text) = value else { throw mismatch(key, expected: "a string", found: value) }
        if text.isEmpty { throw error(key, "must not be empty") }
        return text
    }

    func boolean(_ key: String) throws(RouterError) -> Bool? {
        guard let value = try value(key, required: false) else { return nil }
        guard case .boolean(let flag) = value else { throw mismatch(key, expected: "true or false", found: value) }
        return flag
    }

    func raw(_ key: String, required: Bool = false) throws(RouterError) -> TOMLValue? {
        try value(key, required: required)
    }

    func strings(_ key: String, required: Bool = false) throws(RouterError) -> [String]? {
        guard let value = try value(key, required: required) else { return nil }
        guard case .array(let items) = value else { throw mismatch(key, expected: "an array of strings", found: value) }
        var result: [String] = []
        for (index, item) in items.enumerated() {
            guard case .string(let text) = item.value, !text.isEmpty else {
                throw RouterError(file: file, line: item.position.line, subject: "\(keyPath(key))[\(index)]",
                                  message: "expected a non-empty string")
            }
            result.append(text)
        }
        return result
    }

    /// One of an enum's raw values; an unknown value lists the accepted ones.
    func choice<Value: RawRepresentable & CaseIterable>(_ key: String, _ type: Value.Type, required: Bool = false)
        throws(RouterError) -> Value? where Value.RawValue == String {
        guard let text = try string(key, required: required) else { return nil }
        if let choice = Value(rawValue: text) { return choice }
        let accepted = Value.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")
        throw error(key, "unknown value '\(text)' (expected one of \(accepted))")
    }

    /// The tables under `key` (`[zones.wan]`, `[zones.lan]`), in document order, with their names.
    func namedTables(_ key: String) throws(RouterError) -> [(name: String, reader: ConfigReader)] {
        guard let value = try value(key, required: false) else { return [] }
        guard case .table(let parent) = value else { throw mismatch(key, expected: "a table", found: value) }
        var result: [(name: String, reader: ConfigReader)] = []  // labelled: an unlabelled array is cast element by element
        for entry in parent.entries {
            guard case .table(let child) = entry.node.value else {
                throw RouterError(file: file, line: entry.keyPosition.line, subject: "\(keyPath(key)).\(entry.key)",
                                  message: "expected a table")
            }
            result.append((entry.key, ConfigReader(table: child, path: "\(keyPath(key)).\(entry.key)", file: file)))
        }
        return result
    }

    /// The table `key` (`[defaults]`), or nil when absent.
    func table(_ key: String) throws(RouterError) -> ConfigReader? {
        guard let value = try value(key, required: false) else { return nil }
        guard case .table(let child) = value else { throw mismatch(key, expected: "a table", found: value) }
        return ConfigReader(table: child, path: keyPath(key), file: file)
    }

    /// The tables of the array of tables `key` (`[[rules]]`).
    func tableArray(_ key: String) throws(RouterError) -> [ConfigReader] {
        guard let value = try value(key, required: false) else { return [] }
        guard case .array(let items) = value else { throw mismatch(key, expected: "an array of tables", found: value) }
        var result: [ConfigReader] = []
        for (index, item) in items.enumerated() {
            guard case .table(let child) = item.value else {
                throw RouterError(file: file, line: item.position.line, subject: "\(keyPath(key))[\(index)]",
                                  message: "expected a table")
            }
            result.append(ConfigReader(table: child, path: "\(keyPath(key))[\(index)]", file: file))
        }
        return result
    }
}
