import ArgumentParser

/// `kiln image`: build flashable disk images and look inside them.
struct ImageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "image",
        abstract: "Build and inspect flashable A/B disk images.",
        subcommands: [ImageBuildCommand.self, ImageInspectCommand.self]
    )
}
