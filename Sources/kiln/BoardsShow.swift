import Arguments
import Boards

/// `kiln boards show NAME`: one board's definition and its disk layout.
struct BoardsShow: Command {
    static let description = CommandDescription(
        name: "show", abstract: "Show a board and its disk layout.",
        arguments: BoardSearchOptions.arguments + [
            .flag("json", help: "Print JSON (sizes and offsets in bytes)."),
            .positional("name", help: "The board's name, as `kiln boards list` shows it."),
        ])

    var search: BoardSearchOptions
    var json: Bool
    var name: String

    init(_ arguments: ParsedArguments) throws(UsageError) {
        search = try BoardSearchOptions(arguments)
        json = arguments.flag("json")
        name = try arguments.required("name")
    }

    /// The board's JSON plus where its file was found.
    struct Report: Encodable {
        var board: Board
        var source: Source

        struct Source: Encodable {
            var path: String
            var origin: BoardOrigin
        }

        enum CodingKeys: String, CodingKey { case source }

        func encode(to encoder: any Encoder) throws {
            try board.encode(to: encoder)
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(source, forKey: .source)
        }
    }

    func run() throws {
        try reportingFailures {
            let catalog = try search.catalog()
            let found: (entry: BoardCatalog.Entry, board: Board)
            do throws(BoardError) {
                found = try catalog.entry(named: name)
            } catch {
                throw Failure(error.description)
            }
            let (entry, board) = found
            if json {
                try printJSON(Report(board: board, source: .init(path: entry.path, origin: entry.origin)))
            } else {
                print(BoardDescription(board: board, path: entry.path, origin: entry.origin).rendered)
            }
        }
    }
}
