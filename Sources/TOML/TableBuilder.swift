/// A table while the document is being read, remembering how it came to exist.
///
/// TOML's redefinition rules depend on that origin: a table created implicitly by `[a.b]` may
/// later get its own `[a]` header, one created by dotted keys (`a.b = 1`) may not, and one
/// defined by a header may not be extended by dotted keys from another section. Inline tables
/// and static arrays never get here: they are finished `TOMLNode`s and cannot be extended.
/// Reference semantics let the parser keep the current section while the tree grows.
final class TableBuilder {
    enum Origin {
        case root, implicit, header, dotted, inline
    }

    enum Item {
        case value(TOMLNode)
        case table(TableBuilder)
        case arrayOfTables(TableArrayBuilder)
    }

    struct Entry {
        let key: String
        var keyPosition: SourcePosition
        let item: Item
    }

    var origin: Origin
    var position: SourcePosition
    private(set) var entries: [Entry] = []
    private var index: [ExactKey: Int] = [:]

    init(origin: Origin, position: SourcePosition) {
        self.origin = origin
        self.position = position
    }

    func entry(_ key: String) -> Entry? {
        index[ExactKey(key)].map { entries[$0] }
    }

    func append(_ segment: KeySegment, _ item: Item) {
        index[ExactKey(segment.name)] = entries.count
        entries.append(Entry(key: segment.name, keyPosition: segment.position, item: item))
    }

    func moveKey(_ key: String, to position: SourcePosition) {
        if let offset = index[ExactKey(key)] { entries[offset].keyPosition = position }
    }

    func build() -> TOMLTable {
        let built = entries.map { entry in
            let node: TOMLNode = switch entry.item {
            case .value(let node): node
            case .table(let table): TOMLNode(value: .table(table.build()), position: table.position)
            case .arrayOfTables(let array): array.build()
            }
            return TOMLEntry(key: entry.key, keyPosition: entry.keyPosition, node: node)
        }
        return TOMLTable(entries: built, position: position)
    }
}
