/// The board's boot medium and how its disk is laid out.
public struct Storage: Sendable, Equatable, Codable {
    /// The whole-disk device as the board's kernel names it, e.g. `/dev/mmcblk0`.
    public var device: String
    public var partitionTable: PartitionTableKind
    public var sectorSize: UInt64
    /// The earliest byte a partition may start at (room for raw bootloader blobs before it).
    public var firstPartition: ByteSize
    /// Partitions start on multiples of this.
    public var alignment: ByteSize
    /// The default image size; every partition must fit in it.
    public var imageSize: ByteSize

    public init(
        device: String, partitionTable: PartitionTableKind, sectorSize: UInt64,
        firstPartition: ByteSize, alignment: ByteSize, imageSize: ByteSize
    ) {
        self.device = device
        self.partitionTable = partitionTable
        self.sectorSize = sectorSize
        self.firstPartition = firstPartition
        self.alignment = alignment
        self.imageSize = imageSize
    }

    /// The device node of partition `number` (1-based): `mmcblk0` → `mmcblk0p2`, `sda` → `sda2`.
    public func partitionDevice(_ number: Int) -> String {
        let separator = device.last?.isNumber == true ? "p" : ""
        return "\(device)\(separator)\(number)"
    }

    enum CodingKeys: String, CodingKey {
        case device, partitionTable = "partition_table", sectorSize = "sector_size"
        case firstPartition = "first_partition", alignment, imageSize = "image_size"
    }
}

/// The partition-table format a board's boot ROM or firmware reads.
public enum PartitionTableKind: String, Sendable, Codable, CaseIterable {
    case gpt
    case mbr
}
