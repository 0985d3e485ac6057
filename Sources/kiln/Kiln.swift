import ArgumentParser

/// `kiln`: images, updates and router configuration for embedded ARM boards.
@main
struct Kiln: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "kiln",
        abstract: "Build, update and configure embedded ARM boards (NanoPi R2S, Raspberry Pi 3/4, QEMU).",
        version: version,
        subcommands: [BoardsCommand.self, ImageCommand.self, KeyCommand.self, BundleCommand.self, OTACommand.self,
                      RouterCommand.self, EmuCommand.self, RootfsCommand.self]
    )
}
