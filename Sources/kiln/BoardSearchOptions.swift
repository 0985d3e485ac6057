import Arguments
import Boards
import FoundationEssentials

/// Where to look for boards, shared by the `boards` subcommands.
struct BoardSearchOptions {
    static let arguments: [ArgumentDefinition] = [
        .option("boards-dir", value: "dir", help: "A directory of board files that wins over the others (also KILN_BOARDS_DIR)."),
    ]

    var boardsDirectory: String?

    init(_ arguments: ParsedArguments) throws(UsageError) {
        boardsDirectory = try arguments.value("boards-dir")
    }

    /// The search path for this process: shipped, ~/.config/kiln/boards, KILN_BOARDS_DIR, --boards-dir.
    func searchPath() -> BoardSearchPath {
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? CommandLine.arguments[0]
        return BoardSearchPath.standard(
            executablePath: executable,
            environment: ProcessInfo.processInfo.environment,
            homeDirectory: ProcessInfo.processInfo.environment["HOME"],
            boardsDirectory: boardsDirectory,
            exists: { FileManager.default.fileExists(atPath: $0) })
    }

    func catalog() throws -> BoardCatalog {
        do throws(BoardError) {
            return try BoardCatalog.scan(searchPath())
        } catch {
            throw Failure(error.description)
        }
    }

    /// The board called `name`, or the board file at `name` when it is a path (contains `/` or ends in `.toml`).
    func board(_ name: String) throws -> Board {
        if name.contains("/") || name.hasSuffix(".toml") {
            do throws(BoardError) { return try BoardFile.load(contentsOf: name) } catch { throw Failure(error.description) }
        }
        let catalog = try catalog()
        do throws(BoardError) { return try catalog.board(named: name) } catch { throw Failure(error.description) }
    }
}
