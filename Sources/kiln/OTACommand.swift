import Arguments

/// `kiln ota`: the on-device A/B updater.
struct OTACommand: Command {
    static let description = CommandDescription(
        name: "ota", abstract: "Install update bundles into the inactive slot and manage the A/B boot state.",
        subcommands: [OTAStatusCommand.self, OTAInstallCommand.self, OTAMarkGoodCommand.self, OTAMarkBadCommand.self,
                      OTAHealthCommand.self])

    init(_ arguments: ParsedArguments) {}
}
