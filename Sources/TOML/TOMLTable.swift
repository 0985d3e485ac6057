/// A TOML table: keys in document order, each with the position of the key and of its value.
public struct TOMLTable: Sendable, Equatable {
    /// Keys in document order. Replacing entries keeps lookups by key in step.
    public var entries: [TOMLEntry] {
        didSet { index = Self.makeIndex(entries) }
    }

    /// The header (`[x]`, `[[x]]`) or `{` that opened this table; 1:1 for the root table.
    public var position: SourcePosition

    // Lookups by key are frequent when a config is validated, so they should not be linear.
    private var index: [ExactKey: Int]

    public init(entries: [TOMLEntry] = [], position: SourcePosition = .start) {
        self.entries = entries
        self.position = position
        self.index = Self.makeIndex(entries)
    }

    /// The node stored under `key`, compared by Unicode scalars, or nil if there is none.
    public subscript(key: String) -> TOMLNode? {
        index[ExactKey(key)].map { entries[$0].node }
    }

    /// The entry stored under `key`, for callers that need the key's own position.
    public func entry(_ key: String) -> TOMLEntry? {
        index[ExactKey(key)].map { entries[$0] }
    }

    /// All keys in document order.
    public var keys: [String] { entries.map(\.key) }

    public static func == (lhs: TOMLTable, rhs: TOMLTable) -> Bool {
        lhs.position == rhs.position && lhs.entries == rhs.entries
    }

    private static func makeIndex(_ entries: [TOMLEntry]) -> [ExactKey: Int] {
        var index: [ExactKey: Int] = [:]
        index.reserveCapacity(entries.count)
        // On a repeated key the first wins, as a parsed document never has one.
        for (offset, entry) in entries.enumerated() where index[ExactKey(entry.key)] == nil {
            index[ExactKey(entry.key)] = offset
        }
        return index
    }
}
