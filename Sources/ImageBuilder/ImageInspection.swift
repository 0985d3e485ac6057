/// What `kiln image inspect` finds in an image: partitions, filesystems, bootloader blobs, the
/// U-Boot environment and the A/B slot states.
public struct ImageInspection: Sendable, Equatable, Encodable {
    public var path: String
    public var size: UInt64
    public var allocatedBytes: UInt64
    /// The board whose layout the image was checked against, if any.
    public var board: String?
    public var partitionTable: Table
    public var blobs: [Blob]
    public var environment: Environment?
    public var slots: [Slot]

    enum CodingKeys: String, CodingKey {
        case path, size, allocatedBytes = "allocated_bytes", board, partitionTable = "partition_table", blobs, environment, slots
    }

    public struct Table: Sendable, Equatable, Encodable {
        /// `gpt` or `mbr`.
        public var kind: String
        public var diskIdentifier: String
        public var partitions: [Partition]

        enum CodingKeys: String, CodingKey { case kind, diskIdentifier = "disk_identifier", partitions }
    }

    public struct Partition: Sendable, Equatable, Encodable {
        public var number: Int
        /// The GPT partition name; nil on MBR.
        public var name: String?
        public var start: UInt64
        public var size: UInt64
        /// The GPT type GUID or the MBR type byte (`0x0c`).
        public var type: String
        public var partUUID: String
        /// `vfat`, `ext4`, or nil when neither is found.
        public var filesystem: String?
        public var label: String?
        public var uuid: String?

        enum CodingKeys: String, CodingKey { case number, name, start, size, type, partUUID = "partuuid", filesystem, label, uuid }
    }

    /// A bootloader region of the board's layout.
    public struct Blob: Sendable, Equatable, Encodable {
        public var file: String
        public var offset: UInt64
        public var maxSize: UInt64
        /// Bytes up to the region's last non-zero byte; 0 when the region is empty.
        public var dataSize: UInt64
        /// SHA-256 of those bytes; nil when the region is empty.
        public var sha256: String?

        enum CodingKeys: String, CodingKey { case file, offset, maxSize = "max_size", dataSize = "data_size", sha256 }
    }

    public struct Environment: Sendable, Equatable, Encodable {
        /// Where it was read, e.g. `raw at 0x3f8000` or `boot:uboot.env`.
        public var location: String
        /// Which copy was valid (0-based) and the ones rejected with why.
        public var copy: Int?
        public var problems: [String]
        /// The variables in stored order.
        public var variables: [Variable]

        public struct Variable: Sendable, Equatable, Encodable {
            public var name: String
            public var value: String
        }
    }

    /// One A/B slot as the environment sees it.
    public struct Slot: Sendable, Equatable, Encodable {
        public var name: String
        public var partition: String
        /// Position in `BOOT_ORDER` (0 = tried first); nil when the order leaves it out.
        public var priority: Int?
        public var attemptsLeft: Int?

        enum CodingKeys: String, CodingKey { case name, partition, priority, attemptsLeft = "attempts_left" }
    }
}
