import ArgumentParser
import Router

/// `kiln router confirm`: keeps the state a `kiln router apply --confirm` applied.
struct RouterConfirm: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "confirm", abstract: "Keep the ruleset applied with --confirm.")

    func run() throws {
        try reportingFailures {
            guard RouterState.standard.confirm() else { throw Failure("no apply is waiting for confirmation") }
            print("confirmed; the new ruleset stays")
        }
    }
}
