/// An array of tables (`[[x]]`) while the document is being read: each header appends a table.
final class TableArrayBuilder {
    /// The first `[[x]]` header, which is where the array as a whole starts.
    let position: SourcePosition
    private(set) var tables: [TableBuilder] = []

    init(position: SourcePosition) {
        self.position = position
    }

    func append(_ table: TableBuilder) {
        tables.append(table)
    }

    func build() -> TOMLNode {
        let elements = tables.map { TOMLNode(value: .table($0.build()), position: $0.position) }
        return TOMLNode(value: .array(elements), position: position)
    }
}
