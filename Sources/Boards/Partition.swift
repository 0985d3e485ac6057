/// One partition of the board's default A/B layout.
public struct Partition: Sendable, Equatable, Codable {
    public var name: String
    public var role: PartitionRole
    /// For `role == .slot`: the slot's name (`A`, `B`), as the bootloader environment and `kiln.slot=` spell it.
    public var slot: String?
    public var filesystem: Filesystem
    /// Where it starts; computed from the previous partition and the alignment unless the board pins it.
    public var offset: ByteSize
    public var size: ByteSize

    public init(name: String, role: PartitionRole, slot: String?, filesystem: Filesystem, offset: ByteSize, size: ByteSize) {
        self.name = name
        self.role = role
        self.slot = slot
        self.filesystem = filesystem
        self.offset = offset
        self.size = size
    }

    public var range: ByteRange { ByteRange(start: offset.bytes, length: size.bytes) }
}

/// What a partition is for.
public enum PartitionRole: String, Sendable, Codable, CaseIterable {
    /// The FAT partition the firmware or U-Boot reads: boot script, environment file, firmware.
    case boot
    /// A root filesystem slot of the A/B scheme.
    case slot
    /// Persistent data that survives updates.
    case data
}

/// The filesystem Kiln writes into a partition.
public enum Filesystem: String, Sendable, Codable, CaseIterable {
    case vfat
    case ext4
    case raw
}
