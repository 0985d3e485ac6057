import Arguments
import Router

/// `kiln router check CONFIG`: validates the config and has the kernel check the batch without committing it.
struct RouterCheck: Command {
    static let description = CommandDescription(
        name: "check", abstract: "Validate a router config and dry-run its batch against the kernel.",
        arguments: [.positional("config", help: "The router config (router.toml).")])

    var config: String

    init(_ arguments: ParsedArguments) throws(UsageError) {
        config = try arguments.required("config")
    }

    func run() throws {
        try reportingFailures {
            let parsed = try loadRouterConfig(config)
            let socket = try openNetlink()
            do throws(RouterError) {
                let change = try KilnTable.apply(parsed, on: socket, commit: false, cache: RouterState.standard.cache())
                print("\(config): ok; applying it would send \(describe(change))")
            } catch {
                throw Failure(error.description)
            }
        }
    }
}
