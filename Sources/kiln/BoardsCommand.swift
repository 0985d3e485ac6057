import Arguments

/// `kiln boards`: the board definitions Kiln knows.
struct BoardsCommand: Command {
    static let description = CommandDescription(
        name: "boards", abstract: "List, show and check board definitions.",
        subcommands: [BoardsList.self, BoardsShow.self, BoardsCheck.self])

    init(_ arguments: ParsedArguments) {}
}
