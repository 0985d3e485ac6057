/// What a new ext4 filesystem is made of; everything that would otherwise come from the clock,
/// a random source or the host is given here, so the same parameters give the same bytes.
public struct Ext4Parameters: Sendable, Equatable {
    /// Size of the filesystem in bytes; rounded down to whole 4 KiB blocks.
    public var size: UInt64
    /// Volume label, at most 16 bytes of UTF-8.
    public var label: String
    /// Filesystem UUID (16 bytes).
    public var uuid: [UInt8]
    /// Seed of the directory-index hash (16 bytes).
    public var hashSeed: [UInt8]
    /// Creation time of the filesystem and of what has no time of its own (SOURCE_DATE_EPOCH).
    public var timestamp: Int64

    /// Creates the parameters; see the properties.
    public init(size: UInt64, label: String = "", uuid: [UInt8], hashSeed: [UInt8], timestamp: Int64) {
        self.size = size
        self.label = label
        self.uuid = uuid
        self.hashSeed = hashSeed
        self.timestamp = timestamp
    }

    /// Block size Kiln always uses, as `mke2fs -t ext4` does for anything but tiny filesystems.
    static let blockSize: UInt64 = 4096
    /// `inode_ratio` of Debian's mke2fs.conf: one inode per 16 KiB.
    static let bytesPerInode: UInt64 = 16384
    /// Below this the journal and metadata do not fit (mke2fs refuses similar sizes).
    static let minimumSize: UInt64 = 8 << 20

    /// Why these parameters cannot be formatted, or `nil`.
    var problem: String? {
        if size < Self.minimumSize { return "size \(size) is below the minimum of \(Self.minimumSize) bytes" }
        if uuid.count != 16 { return "UUID has \(uuid.count) bytes, not 16" }
        if hashSeed.count != 16 { return "hash seed has \(hashSeed.count) bytes, not 16" }
        if label.utf8.count > 16 { return "label '\(label)' is longer than 16 bytes" }
        if timestamp < 0 || timestamp > Int64(UInt32.max) { return "timestamp \(timestamp) does not fit the superblock" }
        return nil
    }
}
