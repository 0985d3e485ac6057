import Arguments
import Glibc

/// `kiln`: images, updates and router configuration for embedded ARM boards.
@main
struct Kiln: Command {
    static let version = "0.1.0"

    static let description = CommandDescription(
        name: "kiln",
        abstract: "Build, update and configure embedded ARM boards (NanoPi R2S, Raspberry Pi 3/4, QEMU).",
        version: version,
        subcommands: [BoardsCommand.self, ImageCommand.self, KeyCommand.self, BundleCommand.self, OTACommand.self,
                      RouterCommand.self, EmuCommand.self, RootfsCommand.self]
    )

    init(_ arguments: ParsedArguments) {}

    static func main() {
        exit(Launch.run(Array(CommandLine.arguments.dropFirst()), root: Kiln.self).rawValue)
    }
}
