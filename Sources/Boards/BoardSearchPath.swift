/// Where a board definition was found; later origins win over earlier ones.
public enum BoardOrigin: String, Sendable, Codable, CaseIterable, Comparable {
    /// Shipped with Kiln (`boards/` beside the executable's install, or the source tree).
    case shipped
    /// The user's own, in `~/.config/kiln/boards`.
    case user
    /// `KILN_BOARDS_DIR`.
    case environment = "KILN_BOARDS_DIR"
    /// `--boards-dir`.
    case option = "--boards-dir"

    public static func < (a: BoardOrigin, b: BoardOrigin) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// The directories searched for board files, lowest priority first.
public struct BoardSearchPath: Sendable, Equatable {
    public struct Directory: Sendable, Equatable {
        public var path: String
        public var origin: BoardOrigin
        /// Whether a missing directory is an error (it was named explicitly) or simply skipped.
        public var required: Bool

        public init(path: String, origin: BoardOrigin, required: Bool) {
            self.path = path
            self.origin = origin
            self.required = required
        }
    }

    public var directories: [Directory]

    public init(directories: [Directory]) { self.directories = directories }

    /// Kiln's search order: shipped boards, `~/.config/kiln/boards`, `KILN_BOARDS_DIR`, `--boards-dir`.
    ///
    /// Shipped boards are found from the executable: `<prefix>/share/kiln/boards` for an installed
    /// `<prefix>/bin/kiln`, or the `boards/` of the source tree a `swift build` executable sits in.
    /// - Parameter exists: whether a directory exists (injected so this stays free of I/O).
    public static func standard(
        executablePath: String, environment: [String: String], homeDirectory: String?,
        boardsDirectory: String?, exists: (String) -> Bool
    ) -> BoardSearchPath {
        var directories: [Directory] = []
        if let shipped = shippedDirectory(executablePath: executablePath, exists: exists) {
            directories.append(Directory(path: shipped, origin: .shipped, required: false))
        }
        let configHome = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? homeDirectory.map { "\($0)/.config" }
        if let configHome {
            directories.append(Directory(path: "\(configHome)/kiln/boards", origin: .user, required: false))
        }
        if let fromEnvironment = environment["KILN_BOARDS_DIR"], !fromEnvironment.isEmpty {
            directories.append(Directory(path: fromEnvironment, origin: .environment, required: true))
        }
        if let boardsDirectory {
            directories.append(Directory(path: boardsDirectory, origin: .option, required: true))
        }
        return BoardSearchPath(directories: directories)
    }

    /// `<prefix>/share/kiln/boards`, else the nearest ancestor holding `Package.swift` and `boards/`.
    static func shippedDirectory(executablePath: String, exists: (String) -> Bool) -> String? {
        var directory = parent(of: executablePath)
        let installed = "\(parent(of: directory))/share/kiln/boards"
        if exists(installed) { return installed }
        while directory != "/" && !directory.isEmpty {
            if exists("\(directory)/Package.swift") && exists("\(directory)/boards") { return "\(directory)/boards" }
            directory = parent(of: directory)
        }
        return nil
    }

    private static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }
}
