#if canImport(Glibc)
import Glibc
#endif

/// The running device as the updater sees it: its configuration, the booted slot, and the bootloader's state.
public final class OTASystem {
    public let configuration: SystemConfiguration
    public let selection: any BootSelection
    /// The slot the running system booted from.
    public let booted: String

    /// - Parameter commandLine: the kernel command line (`/proc/cmdline`, or `KILN_CMDLINE`'s file).
    /// - Throws: `OTAError.bootedSlot` when it names no configured slot.
    public init(configuration: SystemConfiguration, selection: any BootSelection, commandLine: String) throws(OTAError) {
        self.configuration = configuration
        self.selection = selection
        do {
            booted = try BootedSlot.parse(commandLine: commandLine, slots: configuration.slots.map(\.name))
        } catch {
            throw .bootedSlot("\(error)")
        }
    }

    /// The system described by the configuration at `path`, with its configured bootloader backend.
    /// - Throws: `OTAError` for the configuration, the command line or the environment configuration.
    public convenience init(configurationPath: String, commandLinePath: String) throws(OTAError) {
        let configuration = try SystemConfiguration(path: configurationPath)
        let selection: any BootSelection
        switch configuration.bootloader.backend {
        case .uboot:
            selection = try UBootSelection(configPath: configuration.bootloader.environmentConfig,
                                           slots: configuration.slots.map(\.name))
        }
        try self.init(configuration: configuration, selection: selection, commandLine: try LocalFile.text(commandLinePath))
    }

    /// The slot that is not booted: the only one an install may write.
    public var inactive: SystemConfiguration.Slot {
        configuration.slots.first { $0.name != booted }!
    }

    /// `booted` (the running slot) or `other`.
    public func slot(_ which: SlotReference) -> String {
        which == .booted ? booted : inactive.name
    }

    public enum SlotReference: String, Sendable, CaseIterable { case booted, other }

    /// The running slot came up healthy: full attempts again.
    /// - Throws: `OTAError.environment`.
    public func markGood() throws(OTAError) {
        try selection.write(try selection.read().markingGood(booted, attempts: configuration.bootloader.attempts))
    }

    /// `which` must not boot again (until an install makes it bootable).
    /// - Throws: `OTAError.environment`, or `.invalidArgument` when no bootable slot would remain.
    public func markBad(_ which: SlotReference) throws(OTAError) {
        let slot = slot(which)
        let next = try selection.read().markingBad(slot)
        guard next.primary != nil else {
            throw .invalidArgument("marking slot \(slot) bad would leave no bootable slot; the bootloader would reset every slot")
        }
        try selection.write(next)
    }
}
