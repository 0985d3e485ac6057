import ArgumentParser
import Emulation

/// `kiln emu unregister`: removes only the entries Kiln registered.
struct EmuUnregisterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unregister",
        abstract: "Remove the binfmt_misc entries Kiln registered (others' stay; replaced ones come back).")

    func run() throws {
        try reportingFailures {
            let removed: [String]
            do throws(EmulationError) { removed = try BinfmtMisc().unregisterKiln() } catch { throw emulationFailure(error) }
            print(removed.isEmpty ? "no entries of Kiln's were registered" : "removed \(removed.joined(separator: ", "))")
        }
    }
}
