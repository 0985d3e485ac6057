import Arguments
import Emulation

/// `kiln emu unregister`: removes only the entries Kiln registered.
struct EmuUnregisterCommand: Command {
    static let description = CommandDescription(
        name: "unregister",
        abstract: "Remove the binfmt_misc entries Kiln registered (others' stay; replaced ones come back).")

    init(_ arguments: ParsedArguments) {}

    func run() throws {
        try reportingFailures {
            let removed: [String]
            do throws(EmulationError) { removed = try BinfmtMisc().unregisterKiln() } catch { throw emulationFailure(error) }
            print(removed.isEmpty ? "no entries of Kiln's were registered" : "removed \(removed.joined(separator: ", "))")
        }
    }
}
