import Arguments
import Emulation
import FoundationEssentials
import Glibc

/// `kiln rootfs build`: an arm64 Debian tree as a tar, by mmdebstrap over Kiln's binfmt_misc entries.
struct RootfsBuildCommand: Command {
    static let description = CommandDescription(
        name: "build",
        abstract: "Build an arm64 Debian root filesystem tar with mmdebstrap, emulated (needs root).",
        discussion: """
            Downloaded packages are kept in /var/cache/kiln/debs between builds. SOURCE_DATE_EPOCH is \
            passed to mmdebstrap, which then stamps every file with it. Needs `kiln emu register` first.
            """,
        arguments: BoardSearchOptions.arguments + [
            .option("arch", value: "arm64|armhf", default: "arm64", help: "Debian architecture."),
            .option("suite", value: "suite", default: "bookworm", help: "Debian suite or codename."),
            .option("variant", value: "minbase|essential|apt|...", default: "minbase", help: "mmdebstrap variant."),
            .option("packages", value: "a,b", help: "Extra packages, comma-separated."),
            .option("board", value: "name", help: "Add the board's [rootfs] packages."),
            .repeatable("customize", value: "script", help: "A shell script run inside the tree, emulated (repeatable)."),
            .option("mirror", value: "url", help: "The Debian mirror (default: mmdebstrap's, deb.debian.org)."),
            .option("cache-dir", value: "dir", help: "Where downloaded packages are cached."),
            .option("output", value: "file", required: true, help: "The tar to write (.tar, .tar.zst, .tar.gz, .tar.xz)."),
        ])

    var search: BoardSearchOptions
    var arch: String
    var suite: String
    var variant: String
    var packages: String?
    var board: String?
    var customize: [String]
    var mirror: String?
    var cacheDir: String?
    var output: String

    init(_ arguments: ParsedArguments) throws(UsageError) {
        search = try BoardSearchOptions(arguments)
        arch = try arguments.required("arch")
        suite = try arguments.required("suite")
        variant = try arguments.required("variant")
        packages = try arguments.value("packages")
        board = try arguments.value("board")
        customize = try arguments.values("customize")
        mirror = try arguments.value("mirror")
        cacheDir = try arguments.value("cache-dir")
        output = try arguments.required("output")
    }

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
