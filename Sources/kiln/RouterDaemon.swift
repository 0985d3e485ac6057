import Arguments
import Dispatch
import FoundationEssentials
import Glibc
import Router

/// `kiln router daemon --config FILE`: applies the config, then again on SIGHUP and whenever
/// the file changes; a bad config keeps the last good ruleset; SIGTERM leaves the ruleset in place.
struct RouterDaemon: Command {
    static let description = CommandDescription(
        name: "daemon", abstract: "Apply a router config and keep it applied (SIGHUP / file change reload).",
        arguments: [.option("config", default: "/etc/kiln/router.toml", help: "The router config.")])

    var config: String

    init(_ arguments: ParsedArguments) throws(UsageError) {
        config = try arguments.required("config")
    }

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
