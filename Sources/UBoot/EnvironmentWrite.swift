/// One planned write: the bytes of a whole copy and where they go. The caller writes them and syncs.
public struct EnvironmentWrite: Sendable, Equatable {
    /// 0 for the first copy, 1 for the redundant one.
    public var copyIndex: Int
    public var location: EnvironmentCopyLocation
    /// The flags counter written (nil in the single layout).
    public var flags: UInt8?
    /// Exactly `location.size` bytes.
    public var bytes: [UInt8]

    public init(copyIndex: Int, location: EnvironmentCopyLocation, flags: UInt8?, bytes: [UInt8]) {
        self.copyIndex = copyIndex
        self.location = location
        self.flags = flags
        self.bytes = bytes
    }

    /// Writes the copy to `device` at its offset and syncs it, so the copy is on storage before this returns.
    /// - Throws: `EnvironmentError.io` from the device.
    public func perform(on device: some EnvironmentDevice) throws {
        try device.write(bytes, at: location.offset)
        try device.sync()
    }
}
