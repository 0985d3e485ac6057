import FoundationEssentials

/// The boards found along a search path, each with where it came from.
public struct BoardCatalog: Sendable {
    /// One board name and the file that defines it.
    public struct Entry: Sendable {
        public var name: String
        public var path: String
        public var origin: BoardOrigin
        /// The board, or why its file is not valid.
        public var result: Result<Board, BoardError>
        /// Files of the same name from lower-priority directories that this one hides.
        public var overrides: [String]
    }

    /// By name, one entry per board name: the highest-priority file wins.
    public private(set) var entries: [Entry]

    /// Reads every `*.toml` in the search path's directories.
    /// - Throws: `BoardError.unreadableDirectory` when an explicitly named directory cannot be listed.
    public static func scan(_ searchPath: BoardSearchPath) throws(BoardError) -> BoardCatalog {
        var byName: [String: Entry] = [:]
        for directory in searchPath.directories {
            let files: [String]
            do {
                files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            } catch {
                guard directory.required else { continue }
                throw .unreadableDirectory(path: directory.path, origin: directory.origin,
                                           reason: "no such directory or not readable")
            }
            for file in files.sorted() where file.hasSuffix(".toml") {
                let name = String(file.dropLast(5))
                let path = "\(directory.path)/\(file)"
                let result = Result { () throws(BoardError) in try BoardFile.load(contentsOf: path) }
                let hidden = byName[name].map { $0.overrides + [$0.path] } ?? []
                byName[name] = Entry(name: name, path: path, origin: directory.origin, result: result, overrides: hidden)
            }
        }
        return BoardCatalog(entries: byName.values.sorted { $0.name < $1.name })
    }

    /// The valid board called `name`.
    /// - Throws: `BoardError.notFound`, or the board file's own error when it is invalid.
    public func board(named name: String) throws(BoardError) -> Board {
        try entry(named: name).board
    }

    /// The valid board called `name` with the entry (file, origin) it came from.
    /// - Throws: `BoardError.notFound`, or the board file's own error when it is invalid.
    public func entry(named name: String) throws(BoardError) -> (entry: Entry, board: Board) {
        guard let entry = entries.first(where: { $0.name == name }) else {
            throw .notFound(name: name, known: entries.map(\.name))
        }
        return (entry, try entry.result.get())
    }
}
