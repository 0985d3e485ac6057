import Arguments

/// `kiln bundle`: signed update bundles.
struct BundleCommand: Command {
    static let description = CommandDescription(
        name: "bundle", abstract: "Create, verify and describe signed update bundles.",
        subcommands: [BundleCreateCommand.self, BundleVerifyCommand.self, BundleInfoCommand.self])

    init(_ arguments: ParsedArguments) {}
}
