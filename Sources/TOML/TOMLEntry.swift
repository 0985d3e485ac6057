/// One key of a table: its name, where the key is written, and its value.
///
/// `keyPosition` is where the last segment of the key appears (`c` in `a.b.c = 1` or `[a.b.c]`);
/// for a table only created implicitly (`a` in `[a.b]`) it is the first place it was mentioned,
/// and it moves to the explicit header once one defines the table.
public struct TOMLEntry: Sendable, Equatable {
    public var key: String
    public var keyPosition: SourcePosition
    public var node: TOMLNode

    public init(key: String, keyPosition: SourcePosition, node: TOMLNode) {
        self.key = key
        self.keyPosition = keyPosition
        self.node = node
    }
}
