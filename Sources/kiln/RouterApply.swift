import Arguments
import FoundationEssentials
import Router
import Spawn

/// `kiln router apply CONFIG [--confirm SECONDS]`: brings `inet kiln` to the config in one batch.
struct RouterApply: Command {
    static let description = CommandDescription(
        name: "apply",
        abstract: "Apply a router config; with --confirm the previous state returns unless confirmed in time.",
        arguments: [
            .positional("config", help: "The router config (router.toml)."),
            .option("confirm", help: "Restore the previous state unless `kiln router confirm` runs within this many seconds."),
        ])

    var config: String
    var confirm: Int?

    init(_ arguments: ParsedArguments) throws(UsageError) {
        config = try arguments.required("config")
        confirm = try arguments.value("confirm")
    }

    func validate() throws(UsageError) {
        if let confirm, confirm < 1 { throw UsageError("--confirm needs at least 1 second") }
    }

    func run() throws {
        try reportingFailures {
            let parsed = try loadRouterConfig(config)
            let socket = try openNetlink()
            let state = RouterState.standard
            do throws(RouterError) {
                let window = try confirm.map { (seconds) throws(RouterError) in
                    try state.beginConfirmation(deadline: Date().timeIntervalSince1970 + Double(seconds))
                }
                let ruleset = Ruleset(config: parsed)
                let change: RulesetChange
                do throws(RouterError) {
                    change = try KilnTable.apply(ruleset, file: parsed.file, on: socket, cache: state.cache())
                } catch {
                    if let window { state.undo(window) }  // nothing changed: the window is as it was
                    throw error
                }
                try state.recordApplied(parsed, ruleset: ruleset, cache: change.cache)
                print("\(config): applied, \(describe(change))")
            } catch {
                throw Failure(error.description)
            }
            if let confirm {
                try startRollbackTimer(seconds: confirm)
                print("run `kiln router confirm` within \(confirm) s, or the previous state comes back")
            }
        }
    }

    /// Starts `kiln router rollback --after SECONDS` in its own session, so it outlives this
    /// command and the SSH session that ran it (the point of --confirm).
    private func startRollbackTimer(seconds: Int) throws {
        // Not this command's stderr: whoever reads it would wait for the timer to end.
        // The timer reports to `rollback.log` in the state directory instead.
        do {
            _ = try ChildProcess(CommandLine.executablePath, arguments: ["router", "rollback", "--after", String(seconds)],
                                 output: .null, error: .null, newSession: true)
        } catch {
            throw Failure("cannot start the rollback timer: \(error); run `kiln router confirm` to keep the new state")
        }
    }
}

extension CommandLine {
    /// This executable's own path, for starting helpers.
    static var executablePath: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? arguments[0]
    }
}
