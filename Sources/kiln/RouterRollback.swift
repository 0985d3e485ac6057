import Arguments
import FoundationEssentials
import Glibc
import Router

/// `kiln router rollback --after SECONDS`: the timer `apply --confirm` starts; restores the
/// previous state unless the apply was confirmed meanwhile.
struct RouterRollback: Command {
    static let description = CommandDescription(
        name: "rollback", abstract: "Restore the state before an unconfirmed apply (started by apply --confirm).",
        isHidden: true,
        arguments: [.option("after", default: "0", help: "Seconds to wait first.")])

    var after: Int

    init(_ arguments: ParsedArguments) throws(UsageError) {
        after = try arguments.required("after")
    }

    func run() throws {
        try reportingFailures {
            let state = RouterState.standard
            if after > 0 { sleep(UInt32(after)) }
            // A later `apply --confirm` may have moved the deadline: wait until the latest one.
            while let deadline = state.pendingDeadline, deadline > Date().timeIntervalSince1970 {
                usleep(UInt32(min(deadline - Date().timeIntervalSince1970, 60) * 1_000_000) + 1_000)
            }
            let socket = try openNetlink()
            do {
                guard let previous = try state.takeRollback() else { return }  // confirmed in time
                if let previous {
                    let change = try KilnTable.apply(previous.ruleset, file: previous.config.file, on: socket, cache: state.cache())
                    try state.recordApplied(previous.config, ruleset: previous.ruleset, cache: change.cache)
                    report("not confirmed in time; restored the previous ruleset", state: state)
                } else {
                    let removed = try KilnTable.remove(on: socket)
                    report(removed ? "not confirmed in time; removed table inet kiln (there was none before)"
                                   : "not confirmed in time; table inet kiln was already gone (there was none before)",
                           state: state)
                }
            } catch {
                report("rollback failed: \(error)", state: state)
                throw Failure("rollback failed: \(error)")
            }
        }
    }

    /// Appends to `rollback.log` in the state directory (this process has no terminal) and stderr.
    private func report(_ message: String, state: RouterState) {
        let line = "\(Date()): \(message)\n"
        printError(["kiln router: \(message)"])
        let path = "\(state.directory)/rollback.log"
        StandardStream.append(line, toFile: path)
    }
}
