/// A value together with where it starts in the document.
///
/// For tables the position is that of the header (`[x]`, `[[x]]`), the `{` of an inline table,
/// or the first key segment that created the table implicitly.
public struct TOMLNode: Sendable, Equatable {
    public var value: TOMLValue
    public var position: SourcePosition

    public init(value: TOMLValue, position: SourcePosition) {
        self.value = value
        self.position = position
    }
}
