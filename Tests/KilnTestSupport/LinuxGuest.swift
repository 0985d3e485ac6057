import Foundation

/// An x86-64 Linux guest: Debian's kernel booted under `qemu-system-x86_64` (TCG) from an initramfs holding
/// busybox, host executables with their shared libraries, and kernel modules with their dependencies. It runs
/// one shell script as root and powers off; for kernel features the host's own kernel lacks (nf_flow_table).
///
/// The guest has no network interface and no disk; everything lives in its RAM filesystem.
public struct LinuxGuest: Sendable {
    public var kernel: GuestKernel
    /// Host executables copied into the guest at their own paths, with every library `ldd` lists, and
    /// reachable by name through `/usr/local/bin`.
    public var executables: [String]
    /// Module names (`nft_flow_offload`); their dependencies (modules.dep and soft ones) are added and all are
    /// inserted, dependencies first, before the script runs.
    public var modules: [String]
    /// The host's busybox (static or not): the guest's shell and everything else the script calls by name.
    public var busybox: String
    public var memoryMiB: Int
    /// How long boot plus script may take before QEMU is killed.
    public var timeout: TimeInterval

    public init(kernel: GuestKernel, executables: [String] = [], modules: [String] = [],
                busybox: String = "/bin/busybox", memoryMiB: Int = 512, timeout: TimeInterval = 300) {
        self.kernel = kernel
        self.executables = executables
        self.modules = modules
        self.busybox = busybox
        self.memoryMiB = memoryMiB
        self.timeout = timeout
    }

    /// Boots the guest, runs `script` with busybox `sh` as root in `/root`, and returns its status and output.
    /// QEMU is killed and the temporary files are removed however this ends.
    /// - Throws: `GuestError` (unresolved library, timeout, no result), `InitramfsError.unknownModule`, or what
    ///   building the initramfs or starting QEMU throws.
    public func run(_ script: String) throws -> GuestRun {
        let work = try TemporaryDirectory(prefix: "kiln-guest")
        defer { work.remove() }
        let initrd = work.appending("initrd.cpio")
        try buildInitramfs(script: script, to: initrd)
        return try boot(initrd: initrd)
    }

    /// Stages and archives the guest's root filesystem.
    func buildInitramfs(script: String, to output: String) throws {
        let root = try GuestInitramfs()
        try root.copy(busybox, to: GuestInit.busybox)
        try root.addLibraries(of: busybox)
        for applet in try Command.output([busybox, "--list"]).split(separator: "\n") {
            try root.link("/kiln/bin/\(applet)", to: "busybox")
        }
        for executable in executables { try root.addExecutable(executable) }
        let index = try GuestModules(directory: kernel.modulesDirectory)
        var names: [String] = []
        for file in try index.loadOrder(modules) {
            let name = index.guestFileName(file)
            try root.addModule("\(kernel.modulesDirectory)/\(file)", to: "\(GuestInit.modulesDirectory)/\(name)")
            names.append(name)
        }
        try root.write(GuestInit.script(modules: names), to: "/init", executable: true)
        try root.write(script, to: GuestInit.scriptPath)
        try root.archive(to: output)
    }

    /// Boots the kernel with `initrd` and waits for the result markers, then for the power-off.
    func boot(initrd: String) throws -> GuestRun {
        // TCG explicitly: where /dev/kvm exists but nested virtualisation does not work, KVM hangs at boot.
        let machine = try QEMUMachine([
            "-accel", "tcg", "-cpu", "max", "-smp", "1", "-m", "\(memoryMiB)",
            "-nographic", "-no-reboot", "-nic", "none",
            "-kernel", kernel.vmlinuz, "-initrd", initrd,
            "-append", "console=ttyS0 panic=-1 quiet",
        ], executable: "qemu-system-x86_64")
        defer { machine.kill() }
        let deadline = Date(timeIntervalSinceNow: timeout)
        guard machine.waitFor(GuestInit.Marker.end, timeout: timeout) else {
            // waitFor returns early only when the console closed: QEMU exited (a panic, with -no-reboot).
            let tail = String(machine.output.suffix(4000))
            throw Date() < deadline ? GuestError.noResult(console: tail)
                : GuestError.timedOut(seconds: timeout, console: tail)
        }
        // poweroff -f with -no-reboot ends QEMU within moments; kill() in the defer covers a guest that does not.
        _ = machine.waitForExit(timeout: 30)
        let console = machine.output
        guard let run = Self.parse(console) else { throw GuestError.noResult(console: String(console.suffix(4000))) }
        return run
    }

    /// Reads the markers `GuestInit` prints: base64 stdout, base64 stderr, the status.
    static func parse(_ console: String) -> GuestRun? {
        // The tty ends lines with \r\n, one Character to Swift: split on any newline, not on "\n".
        let lines = console.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
        typealias Marker = GuestInit.Marker
        guard let out = lines.lastIndex(of: Marker.stdout), let err = lines.lastIndex(of: Marker.stderr),
              let statusLine = lines.last(where: { $0.hasPrefix(Marker.status + " ") }),
              let status = Int32(statusLine.dropFirst(Marker.status.count + 1)), out < err,
              let statusIndex = lines.lastIndex(of: statusLine), err < statusIndex,
              let stdout = decode(lines[(out + 1)..<err]), let stderr = decode(lines[(err + 1)..<statusIndex])
        else { return nil }
        return GuestRun(status: status, stdout: stdout, stderr: stderr, console: console)
    }

    private static func decode(_ lines: ArraySlice<String>) -> String? {
        Data(base64Encoded: lines.joined()).map { String(decoding: $0, as: UTF8.self) }
    }
}
