import ArgumentParser

/// `kiln rootfs`: Debian root filesystems for the boards.
struct RootfsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rootfs",
        abstract: "Build arm64 Debian root filesystems for `kiln image build`.",
        subcommands: [RootfsBuildCommand.self]
    )
}
