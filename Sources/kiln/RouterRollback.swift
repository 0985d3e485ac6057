import ArgumentParser
import Foundation
import Router

/// `kiln router rollback --after SECONDS`: the timer `apply --confirm` starts; restores the
/// previous state unless the apply was confirmed meanwhile.
struct RouterRollback: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rollback", abstract: "Restore the state before an unconfirmed apply (started by apply --confirm).",
        shouldDisplay: false)

    @Option(help: "Seconds to wait first.") var after: Int = 0

    func run() throws {
        try reportingFailures {
            if after > 0 { sleep(UInt32(after)) }
            let state = RouterState.standard
            let socket = try openNetlink()
            do throws(RouterError) {
                guard let previous = try state.takeRollback() else { return }  // confirmed in time
                if let previous {
                    try KilnTable.apply(previous, on: socket)
                    try state.recordApplied(previous)
                    printError(["kiln router: not confirmed in time; restored the previous ruleset"])
                } else {
                    try? KilnTable.remove(on: socket)
                    printError(["kiln router: not confirmed in time; removed table inet kiln (there was none before)"])
                }
            } catch {
                throw Failure("rollback failed: \(error)")
            }
        }
    }
}
