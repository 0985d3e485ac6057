import ArgumentParser

/// `kiln emu`: run arm64 and arm programs on this host through qemu-user and binfmt_misc.
struct EmuCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "emu",
        abstract: "Emulated arm64/arm programs: binfmt_misc entries for qemu-user, commands inside arm64 trees.",
        subcommands: [EmuStatusCommand.self, EmuRegisterCommand.self, EmuUnregisterCommand.self, EmuRunCommand.self]
    )
}

/// Turns a library error into the lines a user sees.
func emulationFailure(_ error: some Error) -> Failure {
    Failure("kiln: \(error)")
}
