/// The redefinition rules of TOML 1.0, applied as keys and headers arrive.
extension TableBuilder {
    /// Stores `key = node` relative to this table, creating the tables a dotted key passes through.
    /// Throws for a duplicate key, or a dotted key reaching into a table it may not extend.
    func insert(_ key: [KeySegment], node: TOMLNode) throws(TOMLSyntaxError) {
        var table = self
        for (offset, segment) in key.dropLast().enumerated() {
            let path = key[...offset]
            guard let existing = table.entry(segment.name) else {
                let created = TableBuilder(origin: .dotted, position: segment.position)
                table.append(segment, .table(created))
                table = created
                continue
            }
            switch existing.item {
            case .table(let next) where next.origin == .dotted || next.origin == .implicit:
                // From now on a header may no longer define it: dotted keys did.
                next.origin = .dotted
                table = next
            case .table(let next):
                throw Self.failure(path, "cannot add to table '\(KeySegment.path(path))' with dotted keys"
                    + " (defined by a header at \(next.position))")
            case .arrayOfTables:
                throw Self.failure(path, "cannot add to array of tables '\(KeySegment.path(path))'"
                    + " with dotted keys (defined at \(existing.keyPosition))")
            case .value(let value):
                throw Self.failure(path, Self.notExtendable(value, path, existing.keyPosition))
            }
        }
        let last = key[key.count - 1]
        if let existing = table.entry(last.name) {
            throw Self.failure(key[...], "duplicate key '\(KeySegment.path(key))'"
                + " (first defined at \(existing.keyPosition))")
        }
        table.append(last, .value(node))
    }

    /// Handles `[key]`: returns the table it defines, which must not have been defined before.
    func defineTable(_ key: [KeySegment], header: SourcePosition) throws(TOMLSyntaxError) -> TableBuilder {
        let parent = try descend(key.dropLast())
        let last = key[key.count - 1]
        guard let existing = parent.entry(last.name) else {
            let table = TableBuilder(origin: .header, position: header)
            parent.append(last, .table(table))
            return table
        }
        let name = KeySegment.path(key)
        switch existing.item {
        case .table(let table) where table.origin == .implicit:
            table.origin = .header
            table.position = header
            parent.moveKey(last.name, to: last.position)
            return table
        case .table(let table) where table.origin == .dotted:
            throw Self.failure(key[...], "table '\(name)' already defined by dotted keys at \(table.position)")
        case .table(let table):
            throw Self.failure(key[...], "table '\(name)' already defined at \(table.position)")
        case .arrayOfTables(let array):
            throw Self.failure(key[...], "'\(name)' is already an array of tables (defined at \(array.position))")
        case .value(let value):
            throw Self.failure(key[...], Self.notExtendable(value, key[...], existing.keyPosition))
        }
    }

    /// Handles `[[key]]`: appends a new table to the array of tables named `key`.
    func appendArrayTable(_ key: [KeySegment], header: SourcePosition) throws(TOMLSyntaxError) -> TableBuilder {
        let parent = try descend(key.dropLast())
        let last = key[key.count - 1]
        let table = TableBuilder(origin: .header, position: header)
        guard let existing = parent.entry(last.name) else {
            let array = TableArrayBuilder(position: header)
            array.append(table)
            parent.append(last, .arrayOfTables(array))
            return table
        }
        let name = KeySegment.path(key)
        switch existing.item {
        case .arrayOfTables(let array):
            array.append(table)
            return table
        case .table(let existing):
            throw Self.failure(key[...], "'\(name)' is already a table (defined at \(existing.position))")
        case .value(let value):
            throw Self.failure(key[...], Self.notExtendable(value, key[...], existing.keyPosition))
        }
    }

    /// Walks the super-tables of a header, creating missing ones implicitly.
    /// Through an array of tables a header reaches its most recent element.
    private func descend(_ key: ArraySlice<KeySegment>) throws(TOMLSyntaxError) -> TableBuilder {
        var table = self
        for (offset, segment) in key.enumerated() {
            guard let existing = table.entry(segment.name) else {
                let created = TableBuilder(origin: .implicit, position: segment.position)
                table.append(segment, .table(created))
                table = created
                continue
            }
            switch existing.item {
            case .table(let next):
                table = next
            case .arrayOfTables(let array):
                table = array.tables[array.tables.count - 1]
            case .value(let value):
                let path = key.prefix(offset + 1)
                throw Self.failure(path, Self.notExtendable(value, path, existing.keyPosition))
            }
        }
        return table
    }

    /// Why a key already holding `value` cannot be used as a table.
    private static func notExtendable(
        _ value: TOMLNode, _ path: ArraySlice<KeySegment>, _ defined: SourcePosition
    ) -> String {
        let name = KeySegment.path(path)
        switch value.value {
        case .table:
            return "cannot extend inline table '\(name)' (defined at \(defined))"
        case .array:
            return "cannot extend static array '\(name)' (defined at \(defined))"
        default:
            let kind = value.value.kindName
            let article = kind.first.map { "aeiou".contains($0) } == true ? "an" : "a"
            return "'\(name)' is already \(article) \(kind) (defined at \(defined))"
        }
    }

    /// An error at the last segment of `path`, which is where the conflict shows in the source.
    private static func failure(_ path: ArraySlice<KeySegment>, _ message: String) -> TOMLSyntaxError {
        TOMLSyntaxError(position: path[path.endIndex - 1].position, message: message)
    }
}
