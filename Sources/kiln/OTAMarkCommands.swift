import ArgumentParser
import OTA

/// `kiln ota mark-good`: the booted slot came up healthy.
struct OTAMarkGoodCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mark-good", abstract: "Mark the booted slot good: it keeps its full boot attempts.")

    @OptionGroup var options: SystemOptions

    func run() throws {
        try reportingFailures {
            let system = try options.system()
            try ota { () throws(OTAError) in try system.markGood() }
            print("slot \(system.booted) marked good")
        }
    }
}

/// `kiln ota mark-bad [booted|other]`: a slot must not boot again.
struct OTAMarkBadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mark-bad", abstract: "Mark a slot bad: the bootloader does not try it again until an install.")

    @OptionGroup var options: SystemOptions
    @Argument(help: "booted (default) or other.") var slot: OTASystem.SlotReference = .booted

    func run() throws {
        try reportingFailures {
            let system = try options.system()
            try ota { () throws(OTAError) in try system.markBad(slot) }
            print("slot \(system.slot(slot)) marked bad")
        }
    }
}

extension OTASystem.SlotReference: ExpressibleByArgument {}
