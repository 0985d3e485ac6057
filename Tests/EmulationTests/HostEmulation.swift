import Emulation
import Foundation
import KilnTestSupport
import Testing

/// Every test that changes the host's binfmt_misc or runs emulated programs: one at a time (binfmt_misc
/// is global), as root (always in CI), each restoring the host's entries even when it fails.
@Suite(.serialized, .requiresRoot) enum HostEmulation {
    /// The prefix of this suite's scratch directories; mounts in other tests' (`kiln-*`) are theirs.
    private static let scratchPrefix = "kiln-emu"

    /// A scratch directory of this suite: `mountinfo()` keeps the mounts in it in view. Tests here
    /// make theirs with this, not `TemporaryDirectory()`, whose `kiln-test` prefix is another suite's.
    static func scratchDirectory(_ name: String? = nil) throws -> TemporaryDirectory {
        try TemporaryDirectory(prefix: name.map { "\(scratchPrefix)-\($0)" } ?? scratchPrefix)
    }

    /// `/proc/self/mountinfo` of the test process: what the host's mount namespace holds, without
    /// what tests in other suites mount and unmount at the same time: the network namespaces
    /// (`ip netns add` bind-mounts them under /run/netns) and the loop devices and tmpfs they
    /// mount in their own scratch directories. A mount Kiln left would be elsewhere: in this
    /// suite's directories, on binfmt_misc, or in a directory of its own.
    static func mountinfo() throws -> String {
        let temporary = URL(fileURLWithPath: NSTemporaryDirectory()).standardizedFileURL.path
        let tests = "\(temporary)/kiln-", ours = "\(temporary)/\(scratchPrefix)"
        return try String(contentsOfFile: "/proc/self/mountinfo", encoding: .utf8).split(separator: "\n").filter { line in
            let fields = line.split(separator: " ")
            guard fields.count > 4 else { return true }
            let mountPoint = fields[4]  // mountinfo(5): ID, parent, device, root, mount point, ...
            if mountPoint.hasPrefix("/run/netns") { return false }
            return !mountPoint.hasPrefix(tests) || mountPoint.hasPrefix(ours)
        }.joined(separator: "\n")
    }

    /// Runs `kiln arguments...`.
    static func kiln(_ arguments: [String]) throws -> CommandResult {
        try KilnExecutable.run(arguments)
    }

    /// A tree holding only Debian's static arm64 busybox and its applet links: no qemu inside.
    static func busyboxTree(in directory: TemporaryDirectory) throws -> String {
        let root = directory.appending("tree")
        for path in ["bin", "etc", "proc", "sys", "dev", "run", "tmp"] {
            try FileManager.default.createDirectory(atPath: "\(root)/\(path)", withIntermediateDirectories: true)
        }
        try FileManager.default.copyItem(atPath: try Artifacts.path("busybox/busybox"), toPath: "\(root)/bin/busybox")
        for applet in ["sh", "cat", "echo", "ls", "sleep", "uname", "sha256sum", "id"] {
            try FileManager.default.createSymbolicLink(atPath: "\(root)/bin/\(applet)", withDestinationPath: "busybox")
        }
        #expect(!FileManager.default.fileExists(atPath: "\(root)/usr/bin/qemu-aarch64-static"))
        return root
    }

    /// Registers Kiln's entries from a clean slate (the snapshot brings the host's back).
    static func registered(_ snapshot: BinfmtSnapshot) throws {
        try snapshot.clearEmulation()
        let result = try kiln(["emu", "register"])
        try #require(result.status == 0, "\(result.stderr)")
    }
}
