/// Whether the environment is stored once or twice; a redundant copy carries a flags byte after its CRC.
public enum EnvironmentLayout: Sendable, Equatable {
    /// One copy (`CONFIG_SYS_REDUNDAND_ENVIRONMENT` off): CRC32, then the variables.
    case single
    /// Two copies: CRC32, a flags counter, then the variables; the valid copy with the newer counter wins.
    case redundant

    /// Bytes before the variables.
    public var headerSize: Int { self == .single ? 4 : 5 }
}
