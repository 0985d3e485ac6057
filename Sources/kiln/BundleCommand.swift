import ArgumentParser

/// `kiln bundle`: signed update bundles.
struct BundleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bundle", abstract: "Create, verify and describe signed update bundles.",
        subcommands: [BundleCreateCommand.self, BundleVerifyCommand.self, BundleInfoCommand.self])
}
