import TOML

/// Collects what decoding a board file finds: problems, and where each key was written.
final class DecodingContext {
    let file: String
    var diagnostics: [BoardDiagnostic] = []
    var sourceMap = SourceMap()

    init(file: String) { self.file = file }

    func report(_ keyPath: String, at position: SourcePosition, _ message: String) {
        diagnostics.append(BoardDiagnostic(file: file, position: position, keyPath: keyPath, message: message))
    }
}

/// Reads typed values out of one TOML table, naming every problem with its key path and position.
///
/// Each read marks its key as known; `finish()` reports the keys nobody read, so a typo never passes silently.
final class TableReader {
    let table: TOMLTable
    let path: String
    let context: DecodingContext
    private var known: [String] = []

    init(_ table: TOMLTable, path: String, context: DecodingContext) {
        self.table = table
        self.path = path
        self.context = context
        context.sourceMap.record(path, table.position)
    }

    func keyPath(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// Reports a problem with `key` at the key's value, or at the table when the key is absent.
    func report(_ key: String, _ message: String) {
        let position = table[key]?.position ?? table.position
        context.report(keyPath(key), at: position, message)
    }

    /// The node for `key`, marking it known; reports a missing required key.
    private func node(_ key: String, required: Bool) -> TOMLNode? {
        known.append(key)
        guard let node = table[key] else {
            if required { context.report(keyPath(key), at: table.position, "missing required key '\(key)'") }
            return nil
        }
        context.sourceMap.record(keyPath(key), node.position)
        return node
    }

    private func mismatch<T>(_ key: String, _ node: TOMLNode, expected: String) -> T? {
        context.report(keyPath(key), at: node.position, "expected \(expected), found \(node.value.article) \(node.value.kindName)")
        return nil
    }

    func string(_ key: String, required: Bool = true) -> String? {
        guard let node = node(key, required: required) else { return nil }
        guard case .string(let value) = node.value else { return mismatch(key, node, expected: "a string") }
        if value.isEmpty { context.report(keyPath(key), at: node.position, "must not be empty") }
        return value
    }

    func integer(_ key: String, required: Bool = true) -> Int64? {
        guard let node = node(key, required: required) else { return nil }
        guard case .integer(let value) = node.value else { return mismatch(key, node, expected: "an integer") }
        return value
    }

    func boolean(_ key: String, required: Bool = true) -> Bool? {
        guard let node = node(key, required: required) else { return nil }
        guard case .boolean(let value) = node.value else { return mismatch(key, node, expected: "true or false") }
        return value
    }

    /// A size or offset: a non-negative integer, or a string such as `16MiB`, `32KiB`, `0x3F8000`.
    func size(_ key: String, required: Bool = true) -> ByteSize? {
        guard let node = node(key, required: required) else { return nil }
        switch node.value {
        case .integer(let value) where value >= 0:
            return ByteSize(UInt64(value))
        case .integer(let value):
            context.report(keyPath(key), at: node.position, "size \(value) is negative")
        case .string(let text):
            if let size = ByteSize(parsing: text) { return size }
            context.report(keyPath(key), at: node.position,
                           "bad size '\(text)': write bytes, 0x-hex, or a number with KiB, MiB, GiB or TiB")
        default:
            return mismatch(key, node, expected: "a size (e.g. \"16MiB\", \"0x3F8000\", 4096)")
        }
        return nil
    }

    func strings(_ key: String, required: Bool = true) -> [String]? {
        guard let node = node(key, required: required) else { return nil }
        guard case .array(let items) = node.value else { return mismatch(key, node, expected: "an array of strings") }
        var result: [String] = []
        for (index, item) in items.enumerated() {
            guard case .string(let value) = item.value, !value.isEmpty else {
                context.report("\(keyPath(key))[\(index)]", at: item.position, "expected a non-empty string")
                continue
            }
            result.append(value)
        }
        return result
    }

    /// One of an enum's raw values; an unknown value lists the accepted ones.
    func choice<Value: RawRepresentable & CaseIterable>(_ key: String, _ type: Value.Type, required: Bool = true) -> Value?
    where Value.RawValue == String {
        guard let text = string(key, required: required) else { return nil }
        if let value = Value(rawValue: text) { return value }
        let accepted = Value.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")
        report(key, "unknown value '\(text)' (expected one of \(accepted))")
        return nil
    }

    func table(_ key: String, required: Bool = true) -> TableReader? {
        guard let node = node(key, required: required) else { return nil }
        guard case .table(let table) = node.value else { return mismatch(key, node, expected: "a table") }
        return TableReader(table, path: keyPath(key), context: context)
    }

    /// An array of tables (`[[key]]`), each read by its own reader with an indexed path.
    func tables(_ key: String, required: Bool = true) -> [TableReader]? {
        guard let node = node(key, required: required) else { return nil }
        guard case .array(let items) = node.value else { return mismatch(key, node, expected: "an array of tables") }
        var readers: [TableReader] = []
        for (index, item) in items.enumerated() {
            guard case .table(let table) = item.value else {
                context.report("\(keyPath(key))[\(index)]", at: item.position, "expected a table")
                continue
            }
            readers.append(TableReader(table, path: "\(keyPath(key))[\(index)]", context: context))
        }
        return readers
    }

    /// Accepts `key` without reading it (its problem was reported another way).
    func markKnown(_ key: String) { known.append(key) }

    /// Reports every key of the table that no read asked for.
    func finish() {
        for entry in table.entries where !known.contains(entry.key) {
            var message = "unknown key '\(entry.key)'"
            if let suggestion = known.closest(to: entry.key) { message += "; did you mean '\(suggestion)'?" }
            context.report(keyPath(entry.key), at: entry.keyPosition, message)
        }
    }
}

extension TOMLValue {
    /// "a" or "an", to go before `kindName`.
    var article: String { kindName.first.map { "aeiou".contains($0) } == true ? "an" : "a" }
}

extension [String] {
    /// The candidate within edit distance 2 of `word`, for "did you mean" hints.
    func closest(to word: String) -> String? {
        map { ($0, $0.editDistance(to: word)) }.filter { $0.1 <= 2 }.min { $0.1 < $1.1 }?.0
    }
}

extension String {
    func editDistance(to other: String) -> Int {
        let a = Array(self), b = Array(other)
        var previous = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in stride(from: 1, through: b.count, by: 1) {
                current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return a.isEmpty ? b.count : previous[b.count]
    }
}
