import ArgumentParser
import Emulation
import FoundationEssentials

/// `kiln emu run`: a command inside an arm64/arm tree, in private mount and PID namespaces.
struct EmuRunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a command inside a root filesystem tree, emulated (needs root).",
        discussion: """
            The tree gets /proc, /sys, the host's /dev, tmpfs /run and /tmp, the host's resolv.conf (over \
            an existing /etc/resolv.conf) and the --bind mounts, all in a private mount namespace: nothing \
            stays mounted when the command ends or is killed. Kiln exits with the command's status (128+N \
            for signal N).
            """)

    @Option(help: ArgumentHelp("The tree to run in.", valueName: "dir")) var root: String
    @Option(help: ArgumentHelp("A host path to show inside the tree (repeatable).", valueName: "src[:dst]"))
    var bind: [String] = []
    @Argument(parsing: .captureForPassthrough, help: ArgumentHelp("The command and its arguments.", valueName: "command"))
    var command: [String] = []

    func run() throws {
        try reportingFailures {
            let arguments = command.first == "--" ? Array(command.dropFirst()) : command
            let status: ExitStatus
            do throws(EmulationError) {
                let binds = try bind.map { text throws(EmulationError) in try BindMount(parsing: text) }
                let treeCommand = try TreeCommand(root: root, binds: binds, arguments: arguments,
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
