import Boards

/// A partition table format (GPT, MBR): plans the exact bytes for a board's layout, without I/O.
///
/// An instance is a finished, validated plan; `writes` are the bytes to put on the disk.
public protocol PartitionTable: Sendable {
    /// Lays out `board`'s partitions on a disk of `imageSize` bytes with the given identifiers.
    /// - Throws: `ImageBuildError.invalidPartitionTable` when the layout does not fit the format.
    init(board: Board, imageSize: UInt64, identity: DiskIdentity) throws(ImageBuildError)

    var kind: PartitionTableKind { get }
    var sectorSize: UInt64 { get }
    var imageSize: UInt64 { get }
    var partitions: [PartitionEntry] { get }
    /// The disk identifier as `sfdisk` prints it: the upper-case GPT disk GUID, or `0x` and the MBR signature.
    var diskIdentifier: String { get }

    /// The PARTUUID of partition `number` (1-based) as Linux and U-Boot show it, for `root=PARTUUID=`;
    /// nil when there is no such partition.
    func partUUID(ofPartition number: Int) -> String?

    /// Every byte range the table occupies, with its contents (zero-filled parts included).
    func writes() -> [DiskWrite]
}

extension PartitionTable {
    /// The PARTUUID of the partition the board calls `name`.
    public func partUUID(named name: String) -> String? {
        partitions.first { $0.name == name }.flatMap { partUUID(ofPartition: $0.number) }
    }

    /// The number of sectors of `sectorSize` bytes on the disk.
    public var diskSectors: UInt64 { imageSize / sectorSize }
}
