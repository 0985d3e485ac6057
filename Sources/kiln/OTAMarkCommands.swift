import Arguments
import OTA

/// `kiln ota mark-good`: the booted slot came up healthy.
struct OTAMarkGoodCommand: Command {
    static let description = CommandDescription(
        name: "mark-good", abstract: "Mark the booted slot good: it keeps its full boot attempts.",
        arguments: SystemOptions.arguments)

    var options: SystemOptions

    init(_ arguments: ParsedArguments) throws(UsageError) {
        options = try SystemOptions(arguments)
    }

    func run() throws {
        try reportingFailures {
            let system = try options.system()
            try ota { () throws(OTAError) in try system.markGood() }
            print("slot \(system.booted) marked good")
        }
    }
}

/// `kiln ota mark-bad [booted|other]`: a slot must not boot again.
struct OTAMarkBadCommand: Command {
    static let description = CommandDescription(
        name: "mark-bad", abstract: "Mark a slot bad: the bootloader does not try it again until an install.",
        arguments: SystemOptions.arguments + [
            .positional("slot", default: "booted", values: OTASystem.SlotReference.argumentValues,
                        help: "booted (default) or other."),
        ])

    var options: SystemOptions
    var slot: OTASystem.SlotReference

    init(_ arguments: ParsedArguments) throws(UsageError) {
        options = try SystemOptions(arguments)
        slot = try arguments.required("slot")
    }

    func run() throws {
        try reportingFailures {
            let system = try options.system()
            try ota { () throws(OTAError) in try system.markBad(slot) }
            print("slot \(system.slot(slot)) marked bad")
        }
    }
}

extension OTASystem.SlotReference: ArgumentValue {}
