import Boards

/// A DOS/MBR partition table: one sector with a disk signature and four primary entries.
/// The Raspberry Pi 3 boot ROM reads nothing else.
public struct MBR: PartitionTable {
    public let sectorSize: UInt64
    public let imageSize: UInt64
    public let partitions: [PartitionEntry]
    public let signature: UInt32
    public var kind: PartitionTableKind { .mbr }

    /// Type for a FAT boot partition: 0x0C, FAT32 with LBA addressing, which the Pi boot ROM accepts.
    public static let fat32LBAType: UInt8 = 0x0C
    /// Type for ext4 slots and data: 0x83, Linux.
    public static let linuxType: UInt8 = 0x83
    /// Type for raw partitions: 0xDA, non-filesystem data.
    public static let nonFilesystemType: UInt8 = 0xDA

    public init(board: Board, imageSize: UInt64, identity: DiskIdentity) throws(ImageBuildError) {
        try board.checkDiskGeometry(imageSize: imageSize)
        sectorSize = board.storage.sectorSize
        self.imageSize = imageSize
        signature = identity.mbrSignature
        partitions = try PartitionEntry.entries(of: board, diskSectors: imageSize / sectorSize)
        guard partitions.count <= 4 else {
            throw .invalidPartitionTable(board: board.name, reason: "MBR holds 4 primary partitions, the board has \(partitions.count)")
        }
        for entry in partitions {
            guard entry.firstSector >= 1, entry.lastSector <= UInt64(UInt32.max) else {
                throw .invalidPartitionTable(board: board.name, reason:
                    "partition '\(entry.name)' (sectors \(entry.firstSector)-\(entry.lastSector)) is outside MBR's 32-bit sector range after sector 0")
            }
        }
    }

    public var diskIdentifier: String { "0x" + Self.hex(signature, digits: 8) }

    /// `<signature as %08x>-<number as %02x>`, the form Linux gives MBR partitions.
    public func partUUID(ofPartition number: Int) -> String? {
        guard partitions.indices.contains(number - 1) else { return nil }
        return Self.partUUID(signature: signature, number: number)
    }

    /// The PARTUUID of MBR partition `number` on a disk with `signature`.
    static func partUUID(signature: UInt32, number: Int) -> String {
        hex(signature, digits: 8) + "-" + hex(UInt32(number), digits: 2)
    }

    public func writes() -> [DiskWrite] {
        var sector = [UInt8](repeating: 0, count: 512)
        sector.storeLittleEndian(signature, at: 440)
        for (index, entry) in partitions.enumerated() {
            let base = 446 + 16 * index
            sector[base] = entry.bootable ? 0x80 : 0x00
            sector.store(Self.chs(entry.firstSector), at: base + 1)
            sector[base + 4] = Self.type(of: entry.filesystem)
            sector.store(Self.chs(entry.lastSector), at: base + 5)
            sector.storeLittleEndian(UInt32(entry.firstSector), at: base + 8)
            sector.storeLittleEndian(UInt32(entry.sectorCount), at: base + 12)
        }
        sector.store([0x55, 0xAA], at: 510)
        return [DiskWrite(offset: 0, bytes: sector)]
    }

    /// The partition type byte for what the partition holds.
    public static func type(of filesystem: Filesystem) -> UInt8 {
        switch filesystem {
        case .vfat: fat32LBAType
        case .ext4: linuxType
        case .raw: nonFilesystemType
        }
    }

    /// The legacy cylinder/head/sector address in the usual 255-head, 63-sector geometry; past cylinder
    /// 1023 it saturates to 1023/254/63, which tells readers to use the LBA fields.
    static func chs(_ sector: UInt64) -> [UInt8] {
        let headsPerCylinder: UInt64 = 255, sectorsPerTrack: UInt64 = 63
        var cylinder = sector / (headsPerCylinder * sectorsPerTrack)
        var head = (sector / sectorsPerTrack) % headsPerCylinder
        var track = sector % sectorsPerTrack + 1
        if cylinder > 1023 { (cylinder, head, track) = (1023, 254, 63) }
        return [UInt8(head), UInt8(track | ((cylinder >> 2) & 0xC0)), UInt8(cylinder & 0xFF)]
    }

    static func hex(_ value: UInt32, digits: Int) -> String {
        let text = String(value, radix: 16)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }
}
