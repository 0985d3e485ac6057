/// What `register` did for one architecture.
public struct RegistrationOutcome: Sendable, Equatable, Codable {
    public enum Action: String, Sendable, Codable {
        /// Kiln's entry was added.
        case registered
        /// Kiln's entry was already there, exactly as it would register it.
        case unchanged
        /// Another registrar's entry handles the architecture and was left in place.
        case keptExisting = "kept-existing"
        /// Another registrar's entry was removed (`--replace`; `unregister` puts it back).
        case replaced
    }

    public var architecture: EmulatedArchitecture
    public var action: Action
    public var entryName: String
    /// For `keptExisting` and `replaced`: whose entry it was.
    public var existingOwner: BinfmtOwner?

    public init(architecture: EmulatedArchitecture, action: Action, entryName: String, existingOwner: BinfmtOwner?) {
        self.architecture = architecture
        self.action = action
        self.entryName = entryName
        self.existingOwner = existingOwner
    }
}
