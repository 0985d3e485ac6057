/// Which slot the running system booted from: U-Boot puts `kiln.slot=NAME` on the kernel command line.
public enum BootedSlot {
    /// The slot named by the last `kiln.slot=` argument of `commandLine` (the contents of `/proc/cmdline`).
    /// - Throws: `SlotError.notOnCommandLine` when absent, `.unknownSlot` when `slots` has no such name.
    public static func parse(commandLine: String, slots: [String]) throws(SlotError) -> String {
        let arguments = commandLine.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" })
        guard let argument = arguments.last(where: { $0.hasPrefix("kiln.slot=") }) else {
            throw .notOnCommandLine
        }
        let name = String(argument.dropFirst("kiln.slot=".count))
        guard slots.contains(name) else { throw .unknownSlot(name: name, known: slots) }
        return name
    }
}

/// Why the booted slot cannot be told.
public enum SlotError: Error, Sendable, Equatable, CustomStringConvertible {
    case notOnCommandLine
    case unknownSlot(name: String, known: [String])

    public var description: String {
        switch self {
        case .notOnCommandLine:
            "the kernel command line has no kiln.slot= argument: this system was not booted through Kiln's slot selection"
        case .unknownSlot(let name, let known):
            "kiln.slot=\(name) names no configured slot (slots: \(known.joined(separator: ", ")))"
        }
    }
}
