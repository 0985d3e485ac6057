import Arguments
import Emulation

/// `kiln emu status`: binfmt_misc's state, who handles arm64/arm binaries, and whether they run now.
struct EmuStatusCommand: Command {
    static let description = CommandDescription(
        name: "status",
        abstract: "Show binfmt_misc's entries for aarch64/arm and run a tiny program of each to see if emulation works.",
        arguments: [.flag("json", help: "Print JSON.")])

    var json: Bool

    init(_ arguments: ParsedArguments) {
        json = arguments.flag("json")
    }

    func run() throws {
        try reportingFailures {
            let status: EmulationStatus
            do throws(EmulationError) { status = try EmulationStatus.read() } catch { throw emulationFailure(error) }
            if json { try printJSON(status) } else { print(rendered(status)) }
        }
    }

    private func rendered(_ status: EmulationStatus) -> String {
        var lines = ["binfmt_misc: \(status.mounted ? "mounted" : "not mounted"), \(status.enabled ? "enabled" : "disabled")"]
        for architecture in status.architectures {
            let probe = architecture.probe.works ? "works" : "does not work (\(architecture.probe.detail ?? "?"))"
            lines.append("\(architecture.architecture.rawValue): \(probe)")
            if architecture.handlers.isEmpty { lines.append("  no entry handles \(architecture.architecture.rawValue) binaries") }
            for handler in architecture.handlers {
                let entry = handler.entry
                lines.append("  \(entry.name): \(entry.enabled ? "enabled" : "disabled"), interpreter \(entry.interpreter), "
                             + "flags \(entry.flags.letters.isEmpty ? "-" : entry.flags.letters), registered by \(handler.owner)")
            }
        }
        return lines.joined(separator: "\n")
    }
}
