import FoundationEssentials
import LocalFiles
import TOML

/// Reads and checks board definition files.
public enum BoardFile {
    /// Parses and validates a board file's text; `file` names it in diagnostics.
    ///
    /// When `file` ends in `.toml`, the board's `name` must equal the file's stem.
    /// - Throws: `BoardError.invalid` with every problem found, each naming line, column and key.
    public static func parse(_ text: String, file: String) throws(BoardError) -> Board {
        let context = DecodingContext(file: file)
        let root: TOMLTable
        do {
            root = try TOMLDocument.parse(text)
        } catch {
            throw .invalid([BoardDiagnostic(file: file, position: error.position, keyPath: "", message: error.message)])
        }
        let board = BoardDecoder(context: context).decode(root)
        if let board {
            BoardValidator(board: board, context: context).validate(fileStem: stem(of: file))
        }
        guard let board, context.diagnostics.isEmpty else {
            throw .invalid(context.diagnostics.sorted { ($0.line, $0.column) < ($1.line, $1.column) })
        }
        return board
    }

    /// Reads, parses and validates the board file at `path`.
    /// - Throws: `BoardError.unreadable` or `BoardError.invalid`.
    public static func load(contentsOf path: String) throws(BoardError) -> Board {
        let bytes: [UInt8]
        do {
            bytes = try LocalFiles.read(path)
        } catch {
            throw .unreadable(file: path, reason: error.reason)
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw .unreadable(file: path, reason: "not UTF-8 text")
        }
        return try parse(text, file: path)
    }

    private static func stem(of file: String) -> String? {
        let base = file.split(separator: "/").last.map(String.init) ?? file
        return base.hasSuffix(".toml") ? String(base.dropLast(5)) : nil
    }
}
