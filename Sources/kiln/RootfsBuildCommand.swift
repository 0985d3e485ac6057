import ArgumentParser
import Emulation
import FoundationEssentials
import Glibc

/// `kiln rootfs build`: an arm64 Debian tree as a tar, by mmdebstrap over Kiln's binfmt_misc entries.
struct RootfsBuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Build an arm64 Debian root filesystem tar with mmdebstrap, emulated (needs root).",
        discussion: """
            Downloaded packages are kept in /var/cache/kiln/debs between builds. SOURCE_DATE_EPOCH is \
            passed to mmdebstrap, which then stamps every file with it. Needs `kiln emu register` first.
            """)

    @OptionGroup var search: BoardSearchOptions
    @Option(help: ArgumentHelp("Debian architecture.", valueName: "arm64|armhf")) var arch = "arm64"
    @Option(help: ArgumentHelp("Debian suite or codename.", valueName: "suite")) var suite = "bookworm"
    @Option(help: ArgumentHelp("mmdebstrap variant.", valueName: "minbase|essential|apt|...")) var variant = "minbase"
    @Option(help: ArgumentHelp("Extra packages, comma-separated.", valueName: "a,b")) var packages: String?
    @Option(help: ArgumentHelp("Add the board's [rootfs] packages.", valueName: "name")) var board: String?
    @Option(help: ArgumentHelp("A shell script run inside the tree, emulated (repeatable).", valueName: "script"))
    var customize: [String] = []
    @Option(help: ArgumentHelp("The Debian mirror (default: mmdebstrap's, deb.debian.org).", valueName: "url")) var mirror: String?
    @Option(help: ArgumentHelp("Where downloaded packages are cached.", valueName: "dir")) var cacheDir: String?
    @Option(help: ArgumentHelp("The tar to write (.tar, .tar.zst, .tar.gz, .tar.xz).", valueName: "file")) var output: String

    func run() throws {
        try reportingFailures {
            let environment = ProcessInfo.processInfo.environment
            let chosenBoard = try board.map { try search.board($0) }
            do throws(EmulationError) {
                var request = RootfsRequest(
                    architecture: try EmulatedArchitecture(named: arch), suite: suite, variant: variant,
                    packages: packages.map { $0.split(separator: ",").map(String.init) } ?? [],
                    customizeScripts: customize, output: output, mirror: mirror,
                    cacheDirectory: cacheDir ?? RootfsRequest.defaultCacheDirectory(environment: environment, isRoot: getuid() == 0),
                    kilnExecutable: (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? "kiln")
                if let chosenBoard { try request.include(chosenBoard) }
                try RootfsBuild(request: request).run(inheritOutput: isatty(STDERR_FILENO) == 1)
            } catch { throw emulationFailure(error) }
            print("wrote \(output)")
        }
    }
}
