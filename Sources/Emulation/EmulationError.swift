/// Everything that goes wrong in emulation: binfmt_misc, the namespace runner and rootfs builds.
///
/// Each case names the file, entry, tree or step, and the errno or tool message underneath.
public enum EmulationError: Error, Equatable, CustomStringConvertible {
    /// A system call failed on `path` (`errno` is the C error number).
    case system(call: String, path: String, errno: Int32)
    /// An architecture name Kiln does not emulate.
    case unknownArchitecture(String)
    /// The interpreter to register is missing or not executable.
    case interpreterMissing(path: String, architecture: String)
    /// An entry of another owner already handles the architecture's binaries.
    case entryExists(name: String, owner: String, architecture: String)
    /// A binfmt_misc entry file that does not parse.
    case malformedEntry(name: String, reason: String)
    /// The directory is not a root filesystem Kiln can run commands in.
    case notARootFilesystem(path: String, reason: String)
    /// No enabled binfmt_misc entry with the F flag runs the tree's binaries.
    case noHandler(architecture: String)
    /// The namespace could not be set up or the command could not be started.
    case launch(step: String, errno: Int32)
    /// The command is not in the tree (no such file on the search path).
    case commandNotFound(program: String, root: String)
    /// A bad command-line value (bind mount, suite, package name, ...).
    case invalidArgument(name: String, value: String, reason: String)
    /// The operation needs root (binfmt_misc, mount namespaces, mmdebstrap's root mode).
    case needsRoot(operation: String)
    /// A tool Kiln drives (mmdebstrap) is not installed.
    case toolMissing(tool: String, package: String)
    /// A tool Kiln drives failed.
    case toolFailed(tool: String, status: Int32, message: String)

    public var description: String {
        switch self {
        case .system(let call, let path, let code):
            "\(path): \(call) failed: \(errorText(code)) (errno \(code))"
        case .unknownArchitecture(let name):
            "unknown architecture '\(name)' (Kiln emulates: \(EmulatedArchitecture.allCases.map(\.rawValue).joined(separator: ", ")); Debian names arm64 and armhf work too)"
        case .interpreterMissing(let path, let architecture):
            "\(path): no such executable interpreter for \(architecture) (install Debian's qemu-user-static: apt-get install qemu-user-static, or pass --interpreter)"
        case .entryExists(let name, let owner, let architecture):
            "binfmt_misc entry '\(name)' (registered by \(owner)) already handles \(architecture) binaries; left alone (use --replace to replace it)"
        case .malformedEntry(let name, let reason):
            "binfmt_misc entry '\(name)': \(reason)"
        case .notARootFilesystem(let path, let reason):
            "\(path): not a root filesystem: \(reason)"
        case .noHandler(let architecture):
            "no enabled binfmt_misc entry with the F flag runs \(architecture) binaries: run `kiln emu register --arch \(architecture)` (as root)"
        case .launch(let step, let code):
            "could not start the command: \(step): \(errorText(code)) (errno \(code))"
        case .commandNotFound(let program, let root):
            "\(program): command not found in \(root) (searched \(TreeCommand.searchPath.joined(separator: ":")))"
        case .invalidArgument(let name, let value, let reason):
            "\(name) '\(value)': \(reason)"
        case .needsRoot(let operation):
            "\(operation) needs root (binfmt_misc and mount namespaces are the system's): run it with sudo"
        case .toolMissing(let tool, let package):
            "\(tool) is not installed (apt-get install \(package))"
        case .toolFailed(let tool, let status, let message):
            message.isEmpty ? "\(tool) exited with status \(status)" : "\(tool) exited with status \(status): \(message)"
        }
    }
}
