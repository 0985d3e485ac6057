/// The environment in force: the copy U-Boot would use, and why any other copy was passed over.
public struct EnvironmentState: Sendable, Equatable {
    public var environment: BootloaderEnvironment
    /// Which copy it came from: 0 for the first, 1 for the redundant one.
    public var copyIndex: Int
    /// The copy's flags counter (nil in the single layout).
    public var flags: UInt8?
    /// Copies that could not be used, with the reason (a bad CRC after a torn write, say).
    public var rejected: [EnvironmentError]

    public init(environment: BootloaderEnvironment, copyIndex: Int, flags: UInt8?, rejected: [EnvironmentError] = []) {
        self.environment = environment
        self.copyIndex = copyIndex
        self.flags = flags
        self.rejected = rejected
    }
}
