import CNamespace
import Glibc

/// A command to run inside a root filesystem tree, emulated when the tree is arm64 or arm.
///
/// It runs in private mount and PID namespaces: `/proc`, `/sys`, the host's `/dev`, tmpfs `/run` and
/// `/tmp`, the host's `resolv.conf` and the bind mounts exist only there, so nothing stays mounted
/// after the command ends, also when it or Kiln is killed (the namespaces die with their last process).
public struct TreeCommand: Sendable {
    public var tree: RootTree
    public var binds: [BindMount]
    public var arguments: [String]
    public var environment: [String: String]

    /// The directories searched for a command without a slash, inside the tree.
    public static let searchPath = ["/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"]

    /// Checks everything before anything is mounted: the tree, the bind sources, and (for a foreign
    /// tree) an enabled binfmt_misc entry with the F flag for its machine.
    /// - Throws: `EmulationError.notARootFilesystem`, `.invalidArgument`, `.noHandler`.
    public init(root: String, binds: [BindMount] = [], arguments: [String], environment: [String: String],
                binfmt: BinfmtMisc = BinfmtMisc()) throws(EmulationError) {
        guard geteuid() == 0 else { throw .needsRoot(operation: "kiln emu run") }
        guard let program = arguments.first, !program.isEmpty else {
            throw .invalidArgument(name: "command", value: "", reason: "no command given")
        }
        tree = try RootTree(path: root)
        for bind in binds where access(bind.source, F_OK) != 0 {
            throw .invalidArgument(name: "--bind", value: bind.source, reason: "no such file or directory on the host")
        }
        if let architecture = tree.machine.emulated, !Self.isNative(tree.machine) {
            try Self.checkHandler(for: architecture, tree: tree, binfmt: binfmt)
        }
        self.binds = binds
        self.arguments = arguments
        var environment = environment
        environment["PATH"] = Self.searchPath.joined(separator: ":")
        self.environment = environment
    }

    private static func isNative(_ machine: ELFMachine) -> Bool {
        #if arch(arm64)
        machine == .aarch64
        #elseif arch(x86_64)
        machine == .x86_64
        #else
        false
        #endif
    }

    private static func checkHandler(for architecture: EmulatedArchitecture, tree: RootTree,
                                     binfmt: BinfmtMisc) throws(EmulationError) {
        guard binfmt.isMounted, try binfmt.isEnabled() else { throw .noHandler(architecture: architecture.rawValue) }
        let usable = try binfmt.entries().contains { entry in
            // Without F the kernel opens the interpreter inside the chroot, so the tree must hold it.
            entry.enabled && entry.handles(architecture)
                && (entry.flags.contains(.fixBinary) || access(tree.path + entry.interpreter, X_OK) == 0)
        }
        if !usable { throw .noHandler(architecture: architecture.rawValue) }
    }

    /// The mounts, in order: kernel filesystems, tmpfs, resolv.conf, then the user's binds.
    var mounts: [MountStep] {
        let root = tree.path
        var steps: [MountStep] = [
            .kernel("proc", at: "/proc", in: root),
            .kernel("sysfs", at: "/sys", in: root),
            .bind("/dev", at: "/dev", in: root, create: .directory),
            .tmpfs(at: "/run", in: root, mode: "0755"),
            .tmpfs(at: "/tmp", in: root, mode: "1777"),
        ]
        // Only over a regular file: a tree without one is not given a new empty file.
        var status = stat()
        if lstat(root + "/etc/resolv.conf", &status) == 0, status.st_mode & S_IFMT == S_IFREG,
           access("/etc/resolv.conf", R_OK) == 0 {
            steps.append(.bind("/etc/resolv.conf", at: "/etc/resolv.conf", in: root, create: .nothing))
        }
        for bind in binds {
            var source = stat()
            let isDirectory = stat(bind.source, &source) == 0 && source.st_mode & S_IFMT == S_IFDIR
            steps.append(.bind(bind.source, at: bind.destination, in: root, create: isDirectory ? .directory : .file))
        }
        return steps
    }

    /// Runs the command and waits for it. Kiln ignores SIGINT and SIGQUIT meanwhile, as system(3)
    /// does: the terminal sends them to the command too. Any signal that ends Kiln ends the namespace
    /// (its init has PR_SET_PDEATHSIG), and the init forwards SIGINT/SIGTERM/SIGHUP/SIGQUIT it receives.
    /// - Returns: how the command ended (a signalled command as the namespace's init reports it: exit 128+N).
    /// - Throws: `EmulationError.launch` naming the step that failed. Wraps `clone(2)`, `mount(2)`, `chroot(2)`, `execve(2)`.
    public func run() throws(EmulationError) -> ExitStatus {
        let strings = CStrings()
        let steps = mounts
        let cMounts = steps.map { step in
            kiln_mount(source: strings.copy(step.source), target: strings.copy(step.target), fstype: strings.copy(step.fstype),
                       flags: step.flags, data: strings.copy(step.data), create: step.create.rawValue)
        }
        let previous = (signal(SIGINT, SIG_IGN), signal(SIGQUIT, SIG_IGN))
        defer { signal(SIGINT, previous.0); signal(SIGQUIT, previous.1) }
        var failure = kiln_launch_failure()
        var keepalive: Int32 = -1
        let pid = cMounts.withUnsafeBufferPointer { buffer in
            var launch = kiln_launch(
                root: strings.copy(tree.path), mounts: buffer.baseAddress, mount_count: buffer.count,
                program: strings.copy(arguments[0]), argv: strings.array(arguments),
                envp: strings.array(environment.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }),
                search: strings.array(Self.searchPath))
            return kiln_launch_in_namespace(&launch, &failure, &keepalive)
        }
        guard pid > 0 else {
            if failure.step == Int32(KILN_STEP_EXEC) && failure.error == ENOENT {
                throw .commandNotFound(program: arguments[0], root: tree.path)
            }
            throw .launch(step: describe(step: failure.step, steps), errno: failure.error)
        }
        defer { close(keepalive) }
        var status: Int32 = 0
        try systemCall("waitpid", tree.path) { waitpid(pid, &status, 0) }
        let signalled = status & 0x7F
        return signalled == 0 ? .exited((status >> 8) & 0xFF) : .signalled(signalled)
    }

    private func describe(step: Int32, _ steps: [MountStep]) -> String {
        if step >= 0 && Int(step) < steps.count { return steps[Int(step)].label }
        switch step {
        case Int32(KILN_STEP_CLONE): return "clone into new mount and PID namespaces"
        case Int32(KILN_STEP_PRIVATE): return "make the mounts private"
        case Int32(KILN_STEP_CHROOT): return "chroot into \(tree.path)"
        case Int32(KILN_STEP_EXEC): return "run \(arguments[0]) in \(tree.path)"
        case Int32(KILN_STEP_FORK): return "fork the command"
        case Int32(KILN_STEP_PARENT): return "tie the namespace to Kiln (PR_SET_PDEATHSIG)"
        default: return "step \(step)"
        }
    }
}
