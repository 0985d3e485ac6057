import Arguments

/// `kiln emu`: run arm64 and arm programs on this host through qemu-user and binfmt_misc.
struct EmuCommand: Command {
    static let description = CommandDescription(
        name: "emu", abstract: "Emulated arm64/arm programs: binfmt_misc entries for qemu-user, commands inside arm64 trees.",
        subcommands: [EmuStatusCommand.self, EmuRegisterCommand.self, EmuUnregisterCommand.self, EmuRunCommand.self])

    init(_ arguments: ParsedArguments) {}
}

/// Turns a library error into the lines a user sees.
func emulationFailure(_ error: some Error) -> Failure {
    Failure("kiln: \(error)")
}
