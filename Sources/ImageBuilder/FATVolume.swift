/// Everything a FAT volume is made from; the same value always gives the same bytes.
public struct FATVolume: Sendable, Equatable {
    /// Bytes; a whole number of 512-byte sectors.
    public var size: UInt64
    /// Up to 11 characters, stored upper-case; empty for none.
    public var label: String
    /// The volume serial number, which the caller derives deterministically (e.g. from a hash of the build).
    public var serial: UInt32
    /// The modification and creation time of every entry.
    public var timestamp: FATTimestamp
    /// The partition's first sector on the disk, recorded in the BPB for tools that check it.
    public var hiddenSectors: UInt32
    public var entries: [FATEntry]

    public init(size: UInt64, label: String, serial: UInt32, timestamp: FATTimestamp,
                hiddenSectors: UInt32 = 0, entries: [FATEntry]) {
        self.size = size
        self.label = label
        self.serial = serial
        self.timestamp = timestamp
        self.hiddenSectors = hiddenSectors
        self.entries = entries
    }
}
