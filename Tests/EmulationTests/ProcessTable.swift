import Foundation

/// The host's processes as /proc shows them: enough to find an emulated command and its mount namespace.
enum ProcessTable {
    /// Pids whose command line contains `token` (qemu-user keeps the emulated program's argv in it).
    static func pids(containing token: String) -> [Int32] {
        allPids().filter { pid in
            guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return false }
            return String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\0", with: " ").contains(token)
        }
    }

    /// Whether `pid` runs under qemu-user (its executable is the interpreter), unlike `kiln` and the
    /// namespace's init, whose command lines hold the same words.
    static func isEmulated(_ pid: Int32) -> Bool {
        ((try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/exe")) ?? "").contains("qemu-aarch64")
    }

    /// The mount namespace of `pid`, e.g. `mnt:[4026532301]`.
    static func mountNamespace(of pid: Int32) -> String? {
        try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/ns/mnt")
    }

    /// Pids in the mount namespace `namespace`.
    static func pids(inMountNamespace namespace: String) -> [Int32] {
        allPids().filter { mountNamespace(of: $0) == namespace }
    }

    /// Polls `condition` every 50 ms until it holds or `limit` seconds pass; a deadline, not a timing assertion.
    static func wait(upTo limit: Double, for condition: () -> Bool) -> Bool {
        let end = Date().addingTimeInterval(limit)
        while Date() < end {
            if condition() { return true }
            usleep(50_000)
        }
        return condition()
    }

    private static func allPids() -> [Int32] {
        ((try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []).compactMap { Int32($0) }
    }
}
