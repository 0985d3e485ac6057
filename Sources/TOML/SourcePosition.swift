/// A place in a TOML document, as reported in `FILE:LINE:COL` diagnostics.
///
/// Both numbers are 1-based. Columns count Unicode scalars, not bytes or grapheme clusters,
/// so a key after `"é" = 1` on the next line is unaffected and `é` itself is one column wide.
public struct SourcePosition: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    /// The start of every document: where the root table is said to be.
    public static let start = SourcePosition(line: 1, column: 1)

    public static func < (lhs: SourcePosition, rhs: SourcePosition) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }

    /// `LINE:COL`, ready to follow a file name.
    public var description: String { "\(line):\(column)" }
}
