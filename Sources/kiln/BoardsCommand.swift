import ArgumentParser

/// `kiln boards`: the board definitions Kiln knows.
struct BoardsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "boards",
        abstract: "List, show and check board definitions.",
        subcommands: [BoardsList.self, BoardsShow.self, BoardsCheck.self]
    )
}
