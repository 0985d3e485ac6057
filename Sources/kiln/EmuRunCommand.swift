import Arguments
import Emulation
import FoundationEssentials

/// `kiln emu run`: a command inside an arm64/arm tree, in private mount and PID namespaces.
struct EmuRunCommand: Command {
    static let description = CommandDescription(
        name: "run",
        abstract: "Run a command inside a root filesystem tree, emulated (needs root).",
        discussion: """
            The tree gets /proc, /sys, the host's /dev, tmpfs /run and /tmp, the host's resolv.conf (over \
            an existing /etc/resolv.conf) and the --bind mounts, all in a private mount namespace: nothing \
            stays mounted when the command ends or is killed. Kiln exits with the command's status (128+N \
            for signal N).
            """,
        arguments: [
            .option("root", value: "dir", required: true, help: "The tree to run in."),
            .repeatable("bind", value: "src[:dst]", help: "A host path to show inside the tree (repeatable)."),
            .passthrough("command", help: "The command and its arguments."),
        ])

    var root: String
    var bind: [String]
    /// Everything from the first word that is not one of the options above (a `--` before it dropped).
    var command: [String]

    init(_ arguments: ParsedArguments) throws(UsageError) {
        root = try arguments.required("root")
        bind = try arguments.values("bind")
        command = try arguments.values("command")
    }

    func run() throws {
        try reportingFailures {
            let status: ExitStatus
            do throws(EmulationError) {
                let binds = try bind.map { text throws(EmulationError) in try BindMount(parsing: text) }
                let treeCommand = try TreeCommand(root: root, binds: binds, arguments: command,
                                                  environment: ProcessInfo.processInfo.environment)
                status = try treeCommand.run()
            } catch {
                // As a shell: 127 for a command that is not there.
                if case .commandNotFound = error { throw Failure("kiln: \(error)", exitCode: ExitCode(127)) }
                throw emulationFailure(error)
            }
            if status.shellStatus != 0 { throw ExitCode(status.shellStatus) }
        }
    }
}
