/// What `kiln ota status` reports.
public struct SystemStatus: Sendable, Encodable {
    public struct Slot: Sendable, Encodable {
        public var name: String
        public var device: String
        public var booted: Bool
        /// `good` when the bootloader would try it, `bad` when not.
        public var state: String
        public var attemptsLeft: Int
        public var version: String?
        public var minimumVersion: String?
    }

    public var board: String
    public var booted: String
    /// The slot the next boot starts.
    public var primary: String?
    public var slots: [Slot]
    public var lastInstall: InstallRecord?
    /// The last install succeeded, yet its slot is not booted and the bootloader gave up on it: it fell back.
    public var rolledBack: Bool

    /// The status of `system` now.
    /// - Throws: `OTAError.environment` when the bootloader state cannot be read.
    public init(of system: OTASystem) throws(OTAError) {
        let state = try system.selection.read()
        board = system.configuration.board
        booted = system.booted
        primary = state.primary
        slots = system.configuration.slots.map { slot in
            Slot(name: slot.name, device: slot.device, booted: slot.name == system.booted,
                 state: state.isBootable(slot.name) ? "good" : "bad", attemptsLeft: state.attemptsLeft[slot.name] ?? 0,
                 version: state.versions[slot.name], minimumVersion: state.minimumVersions[slot.name])
        }
        lastInstall = InstallRecord.load(from: system.configuration.dataDirectory)
        if let last = lastInstall, last.result == .success, let slot = last.slot {
            rolledBack = slot != system.booted && !state.isBootable(slot)
        } else {
            rolledBack = false
        }
    }
}
