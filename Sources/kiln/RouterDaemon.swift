import ArgumentParser
import Dispatch
import FoundationEssentials
import Glibc
import Router

/// `kiln router daemon --config FILE`: applies the config, then again on SIGHUP and whenever
/// the file changes; a bad config keeps the last good ruleset; SIGTERM leaves the ruleset in place.
struct RouterDaemon: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "daemon", abstract: "Apply a router config and keep it applied (SIGHUP / file change reload).")

    @Option(help: "The router config.") var config: String = "/etc/kiln/router.toml"

    func run() throws {
        try reportingFailures {
            let watcher: ConfigWatcher
            do throws(RouterError) { watcher = try ConfigWatcher(path: config) } catch { throw Failure(error.description) }
            let socket = try openNetlink()
            let loop = DaemonLoop(config: config, socket: socket, watcher: watcher)
            loop.reload(reason: "start")
            loop.run()
        }
    }
}
