/// Why a board could not be loaded or found.
public enum BoardError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file is malformed; every problem found is listed.
    case invalid([BoardDiagnostic])
    /// The file could not be read.
    case unreadable(file: String, reason: String)
    /// A directory named by `--boards-dir` or `KILN_BOARDS_DIR` does not exist or cannot be listed.
    case unreadableDirectory(path: String, origin: BoardOrigin, reason: String)
    /// No board of that name in any search directory.
    case notFound(name: String, known: [String])

    public var description: String {
        switch self {
        case .invalid(let diagnostics):
            return diagnostics.map(\.description).joined(separator: "\n")
        case .unreadable(let file, let reason):
            return "\(file): cannot read board file: \(reason)"
        case .unreadableDirectory(let path, let origin, let reason):
            return "\(path): cannot read boards directory (from \(origin.rawValue)): \(reason)"
        case .notFound(let name, let known):
            let list = known.isEmpty ? "no boards found" : "known boards: \(known.joined(separator: ", "))"
            return "no board named '\(name)' (\(list))"
        }
    }

    /// The diagnostics of an `.invalid` error; one synthesized line for the others.
    public var diagnostics: [BoardDiagnostic] {
        if case .invalid(let diagnostics) = self { return diagnostics }
        return []
    }
}
