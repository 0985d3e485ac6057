import TOML

/// One problem found in a board file, located at the key it concerns.
public struct BoardDiagnostic: Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int
    /// The dotted key the problem concerns (`bootloader.blobs[1].offset`); empty for a syntax error.
    public var keyPath: String
    public var message: String

    public init(file: String, line: Int, column: Int, keyPath: String, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.keyPath = keyPath
        self.message = message
    }

    init(file: String, position: SourcePosition, keyPath: String, message: String) {
        self.init(file: file, line: position.line, column: position.column, keyPath: keyPath, message: message)
    }

    /// `FILE:LINE:COL: key.path: what is wrong`, the form compilers use so editors can jump to it.
    public var description: String {
        let key = keyPath.isEmpty ? "" : "\(keyPath): "
        return "\(file):\(line):\(column): \(key)\(message)"
    }
}
