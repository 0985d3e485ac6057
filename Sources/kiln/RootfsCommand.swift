import Arguments

/// `kiln rootfs`: Debian root filesystems for the boards.
struct RootfsCommand: Command {
    static let description = CommandDescription(
        name: "rootfs", abstract: "Build arm64 Debian root filesystems for `kiln image build`.",
        subcommands: [RootfsBuildCommand.self])

    init(_ arguments: ParsedArguments) {}
}
