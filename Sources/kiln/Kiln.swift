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
        exit(Launch.run(words, root: Kiln.self).rawValue)
    }

    /// The words after the program name, read from argv here: `CommandLine.arguments` builds
    /// its array in the standard library, which looked its element type up by name at run time.
    static var words: [String] {
        (0..<Int(CommandLine.argc)).dropFirst().map { String(cString: CommandLine.unsafeArgv[$0]!) }
    }
}
