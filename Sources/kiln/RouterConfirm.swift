import Arguments
import Router

/// `kiln router confirm`: keeps the state a `kiln router apply --confirm` applied.
struct RouterConfirm: Command {
    static let description = CommandDescription(
        name: "confirm", abstract: "Keep the ruleset applied with --confirm.")

    init(_ arguments: ParsedArguments) {}

    func run() throws {
        try reportingFailures {
            guard RouterState.standard.confirm() else { throw Failure("no apply is waiting for confirmation") }
            print("confirmed; the new ruleset stays")
        }
    }
}
