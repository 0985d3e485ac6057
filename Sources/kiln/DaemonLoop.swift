import FoundationEssentials
import Glibc
import Netfilter
import Router

/// The daemon's event loop: `poll` on the inotify descriptor and a self-pipe the signal
/// handlers write to, so signals are handled in order on this one thread.
final class DaemonLoop {
    let config: String
    let socket: NetlinkSocket
    let watcher: ConfigWatcher

    init(config: String, socket: NetlinkSocket, watcher: ConfigWatcher) {
        self.config = config
        self.socket = socket
        self.watcher = watcher
    }

    /// Loads and applies the config; on any error logs it and leaves the kernel as it was.
    func reload(reason: String) {
        do throws(RouterError) {
            let parsed = try RouterConfig.load(path: config)
            let state = RouterState.standard
            let ruleset = Ruleset(config: parsed)
            let change = try KilnTable.apply(ruleset, file: parsed.file, on: socket, cache: state.cache())
            log("\(reason): applied \(config), \(describe(change))")
            do throws(RouterError) {
                try state.recordApplied(parsed, ruleset: ruleset, cache: change.cache)
            } catch {
                log("cannot record the applied state (the next apply dumps the kernel's sets instead): \(error)")
            }
        } catch {
            log("\(reason): \(error); kept the last good ruleset")
        }
    }

    /// Runs until SIGTERM or SIGINT; the ruleset stays in the kernel afterwards.
    func run() {
        let signalPipe = SignalPipe.install([SIGHUP, SIGTERM, SIGINT])
        var descriptors = [pollfd(fd: watcher.fileDescriptor, events: Int16(POLLIN), revents: 0),
                           pollfd(fd: signalPipe, events: Int16(POLLIN), revents: 0)]
        log("watching \(config) (pid \(getpid()))")
        while true {
            guard poll(&descriptors, nfds_t(descriptors.count), -1) > 0 else { continue }
            if descriptors[1].revents != 0 {
                for signal in SignalPipe.drain(signalPipe) {
                    if signal == SIGHUP { reload(reason: "SIGHUP"); continue }
                    log("signal \(signal): exiting, the ruleset stays in place")
                    return
                }
            }
            if descriptors[0].revents != 0, watcher.drain() {
                // Editors write in several steps; let them finish before reading.
                usleep(100_000)
                _ = watcher.drain()
                reload(reason: "file changed")
            }
        }
    }

    func log(_ line: String) {
        StandardStream.write("kiln router daemon: \(line)\n")
    }
}

/// Turns signals into bytes on a pipe (the self-pipe trick): a handler may only call
/// async-signal-safe functions, and `write` is one.
enum SignalPipe {
    nonisolated(unsafe) static var writeEnd: Int32 = -1

    static func install(_ signals: [Int32]) -> Int32 {
        var ends: [Int32] = [0, 0]
        pipe(&ends)
        _ = fcntl(ends[0], F_SETFL, O_NONBLOCK)
        writeEnd = ends[1]
        // A parent may have spawned us with these signals blocked (the mask is inherited).
        var unblock = sigset_t()
        sigemptyset(&unblock)
        for number in signals { sigaddset(&unblock, number) }
        sigprocmask(SIG_UNBLOCK, &unblock, nil)
        for number in signals {
            signal(number) { received in
                var byte = UInt8(truncatingIfNeeded: received)
                _ = write(SignalPipe.writeEnd, &byte, 1)
            }
        }
        return ends[0]
    }

    static func drain(_ descriptor: Int32) -> [Int32] {
        var bytes = [UInt8](repeating: 0, count: 64)
        let count = read(descriptor, &bytes, bytes.count)
        return count > 0 ? bytes.prefix(count).map(Int32.init) : []
    }
}
