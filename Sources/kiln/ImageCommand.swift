import Arguments

/// `kiln image`: build flashable disk images and look inside them.
struct ImageCommand: Command {
    static let description = CommandDescription(
        name: "image", abstract: "Build and inspect flashable A/B disk images.",
        subcommands: [ImageBuildCommand.self, ImageInspectCommand.self])

    init(_ arguments: ParsedArguments) {}
}
