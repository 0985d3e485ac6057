import Boards

/// One partition as a partition table records it: in sectors, numbered from 1.
public struct PartitionEntry: Sendable, Equatable {
    /// 1-based, as Linux numbers partition device nodes (`mmcblk0p2`) and U-Boot addresses them (`mmc 0:2`).
    public var number: Int
    public var name: String
    public var role: PartitionRole
    public var filesystem: Filesystem
    public var firstSector: UInt64
    public var sectorCount: UInt64
    /// Marked bootable (MBR active flag, GPT legacy-BIOS-bootable attribute): U-Boot's distro boot scans these first.
    public var bootable: Bool

    public init(number: Int, name: String, role: PartitionRole, filesystem: Filesystem,
                firstSector: UInt64, sectorCount: UInt64, bootable: Bool) {
        self.number = number
        self.name = name
        self.role = role
        self.filesystem = filesystem
        self.firstSector = firstSector
        self.sectorCount = sectorCount
        self.bootable = bootable
    }

    /// The last sector, inclusive, as GPT entries store it.
    public var lastSector: UInt64 { firstSector + sectorCount - 1 }

    /// The board's partitions in sectors, checked to be whole sectors inside `sectorCount` sectors.
    /// - Throws: `ImageBuildError.invalidPartitionTable` naming the first partition that is not.
    static func entries(of board: Board, diskSectors: UInt64) throws(ImageBuildError) -> [PartitionEntry] {
        let sector = board.storage.sectorSize
        var entries: [PartitionEntry] = []
        for (index, partition) in board.partitions.enumerated() {
            let offset = partition.offset.bytes, size = partition.size.bytes
            guard offset % sector == 0, size % sector == 0, size > 0 else {
                throw .invalidPartitionTable(board: board.name, reason:
                    "partition '\(partition.name)' (\(partition.range)) is not a whole number of \(sector)-byte sectors")
            }
            guard offset / sector + size / sector <= diskSectors else {
                throw .invalidPartitionTable(board: board.name, reason:
                    "partition '\(partition.name)' (\(partition.range)) ends past the image's \(diskSectors * sector) bytes")
            }
            entries.append(PartitionEntry(
                number: index + 1, name: partition.name, role: partition.role, filesystem: partition.filesystem,
                firstSector: offset / sector, sectorCount: size / sector, bootable: partition.role == .boot))
        }
        return entries
    }
}
