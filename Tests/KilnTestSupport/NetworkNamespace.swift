import Foundation
import Glibc

/// A fresh, uniquely named network namespace (`ip netns add`) for tests that must never touch
/// the host's network configuration; it is deleted on `remove()` or deinit.
///
/// Network namespaces belong to threads on Linux, so `run(_:)` enters this one on a thread of its
/// own and every other thread of the test process stays in the host's namespace. A netlink socket
/// opened inside `run(_:)` stays bound to this namespace from whichever thread it is used later.
public final class NetworkNamespace {
    /// The name `ip netns` knows it by, e.g. `kiln-test-3f9a1c2b`.
    public let name: String
    private var isRemoved = false

    /// Creates the namespace `<prefix>-<random>`.
    /// - Throws: `NetworkNamespaceError` with `ip`'s message when creation fails.
    public init(prefix: String = "kiln-test") throws {
        name = "\(prefix)-\(String(UInt32.random(in: .min ... .max), radix: 16))"
        let result = try Command.run(["ip", "netns", "add", name])
        guard result.status == 0 else {
            throw NetworkNamespaceError("ip netns add \(name): \(result.stderr)")
        }
    }

    deinit {
        // Errors cannot leave a deinit; tests that care call remove() themselves.
        try? remove()
    }

    /// Deletes the namespace, and with it every table, interface and socket binding inside.
    /// - Throws: `NetworkNamespaceError` with `ip`'s message.
    public func remove() throws {
        guard !isRemoved else { return }
        let result = try Command.run(["ip", "netns", "delete", name])
        guard result.status == 0 else {
            throw NetworkNamespaceError("ip netns delete \(name): \(result.stderr)")
        }
        isRemoved = true
    }

    /// Runs `body` on a new thread that has entered the namespace, and waits for it.
    /// - Throws: `NetworkNamespaceError` when the thread cannot enter; whatever `body` throws.
    public func run<T>(_ body: () throws -> T) throws -> T {
        let descriptor = open("/run/netns/\(name)", O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw NetworkNamespaceError("open /run/netns/\(name): \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        return try withoutActuallyEscaping(body) { body in
            var outcome: Result<T, any Error> = .failure(NetworkNamespaceError("thread did not run"))
            try NamespaceThread.run {
                outcome = Result {
                    guard try Self.enterNetworkNamespace(descriptor) == 0 else {
                        throw NetworkNamespaceError("setns \(self.name): \(String(cString: strerror(errno)))")
                    }
                    return try body()
                }
            }
            return try outcome.get()
        }
    }

    /// Glibc declares `setns` only under `_GNU_SOURCE`, which Swift's Glibc module is not built
    /// with, so the symbol is looked up at run time; `CLONE_NEWNET` is the kernel ABI constant.
    private static func enterNetworkNamespace(_ descriptor: Int32) throws -> Int32 {
        typealias SetNamespace = @convention(c) (Int32, Int32) -> Int32
        guard let symbol = dlsym(nil, "setns") else {
            throw NetworkNamespaceError("setns is not available in this C library")
        }
        let cloneNewNet: Int32 = 0x4000_0000
        return unsafeBitCast(symbol, to: SetNamespace.self)(descriptor, cloneNewNet)
    }

    /// Runs `ip netns exec <name> argv...` and collects its exit status and output.
    public func exec(_ argv: [String]) throws -> CommandResult {
        try Command.run(["ip", "netns", "exec", name] + argv)
    }
}
