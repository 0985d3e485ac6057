import Arguments
import OTA

/// `kiln ota status`: booted and primary slot, each slot's state, the last install.
struct OTAStatusCommand: Command {
    static let description = CommandDescription(
        name: "status",
        abstract: "Show the booted and primary slot, each slot's version, state and attempts, and the last install.",
        arguments: SystemOptions.arguments + [.flag("json", help: "Print JSON.")])

    var options: SystemOptions
    var json: Bool

    init(_ arguments: ParsedArguments) throws(UsageError) {
        options = try SystemOptions(arguments)
        json = arguments.flag("json")
    }

    func run() throws {
        try reportingFailures {
            let system = try options.system()
            let status = try ota { () throws(OTAError) in try SystemStatus(of: system) }
            if json { try printJSON(StatusReport(status)) } else { print(StatusReport(status).rendered) }
        }
    }
}

/// `ota status` in JSON (snake_case) and text.
struct StatusReport: Encodable {
    struct Slot: Encodable {
        var name: String, device: String, booted: Bool, state: String
        var attempts_left: Int, version: String?, min_version: String?
    }
    struct Install: Encodable {
        var result: String, bundle: String, slot: String?, version: String?, error: String?, time: Int64
    }
    var board: String
    var booted: String
    var primary: String?
    var slots: [Slot]
    var last_install: Install?
    var rolled_back: Bool

    init(_ status: SystemStatus) {
        board = status.board
        booted = status.booted
        primary = status.primary
        slots = status.slots.map {
            Slot(name: $0.name, device: $0.device, booted: $0.booted, state: $0.state, attempts_left: $0.attemptsLeft,
                 version: $0.version, min_version: $0.minimumVersion)
        }
        last_install = status.lastInstall.map {
            Install(result: $0.result.rawValue, bundle: $0.bundle, slot: $0.slot, version: $0.version, error: $0.error, time: $0.time)
        }
        rolled_back = status.rolledBack
    }

    var rendered: String {
        var lines = ["board \(board): booted slot \(booted), next boot starts \(primary.map { "slot \($0)" } ?? "no slot (all will be reset)")"]
        lines.append(TextTable(header: ["SLOT", "DEVICE", "STATE", "ATTEMPTS", "VERSION", ""], rows: slots.map {
            [$0.name, $0.device, $0.state, String($0.attempts_left), $0.version ?? "-", $0.booted ? "booted" : ""]
        }).rendered)
        if let install = last_install {
            lines.append("last install: \(install.result) of \(install.version ?? "?") into slot \(install.slot ?? "?") from \(install.bundle)"
                         + (install.error.map { ": \($0)" } ?? ""))
        }
        if rolled_back, let install = last_install {
            lines.append("rolled back: slot \(install.slot ?? "?") (\(install.version ?? "?")) did not come up healthy; the bootloader fell back to slot \(booted)")
        }
        return lines.joined(separator: "\n")
    }
}
