import Boards
import UBoot

/// A GUID Partition Table: protective MBR, primary header and entries at the start, backup entries and
/// header at the end, as UEFI 2.x section 5.3 lays them out.
public struct GPT: PartitionTable {
    public let sectorSize: UInt64
    public let imageSize: UInt64
    public let partitions: [PartitionEntry]
    public let identity: DiskIdentity
    public var kind: PartitionTableKind { .gpt }

    /// 128 entries of 128 bytes: the size every tool writes and expects.
    static let entryCount = 128, entrySize = 128
    /// Partition type for a FAT boot partition: "Microsoft basic data". The Raspberry Pi 4 EEPROM accepts it
    /// (or an ESP) on GPT, U-Boot ignores types, and unlike an ESP no UEFI firmware or systemd-gpt-auto claims it.
    public static let basicDataType = GUID("EBD0A0A2-B9E5-4433-87C0-68B6B72699C7")!
    /// "Linux filesystem data", for ext4 slots and data.
    public static let linuxFilesystemType = GUID("0FC63DAF-8483-4772-8E79-3D69D8477DE4")!
    /// "Linux reserved", for raw partitions no filesystem claims.
    public static let linuxReservedType = GUID("8DA63339-0007-60C0-C436-083AC8230908")!
    /// Attribute bit 2, "legacy BIOS bootable": U-Boot's distro boot scans these partitions first.
    static let legacyBIOSBootable: UInt64 = 1 << 2

    public init(board: Board, imageSize: UInt64, identity: DiskIdentity) throws(ImageBuildError) {
        try board.checkDiskGeometry(imageSize: imageSize)
        sectorSize = board.storage.sectorSize
        self.imageSize = imageSize
        self.identity = identity
        guard imageSize / sectorSize > 3 + 2 * Self.entrySectors(sectorSize) else {
            throw .invalidPartitionTable(board: board.name, reason: "image of \(imageSize) bytes is too small for a GPT")
        }
        partitions = try PartitionEntry.entries(of: board, diskSectors: imageSize / sectorSize)
        guard identity.partitionGUIDs.count == partitions.count else {
            throw .invalidPartitionTable(board: board.name, reason:
                "\(identity.partitionGUIDs.count) partition GUIDs given for \(partitions.count) partitions")
        }
        try check(board: board)
    }

    private func check(board: Board) throws(ImageBuildError) {
        let usable = firstUsableSector...lastUsableSector
        for entry in partitions {
            guard usable.contains(entry.firstSector), usable.contains(entry.lastSector) else {
                throw .invalidPartitionTable(board: board.name, reason:
                    "partition '\(entry.name)' (sectors \(entry.firstSector)-\(entry.lastSector)) lies outside the GPT's usable sectors \(usable.lowerBound)-\(usable.upperBound)")
            }
            guard entry.name.utf16.count <= 36 else {
                throw .invalidPartitionTable(board: board.name, reason: "partition name '\(entry.name)' is longer than GPT's 36 UTF-16 units")
            }
        }
        if Set(identity.partitionGUIDs).count != partitions.count || identity.partitionGUIDs.contains(identity.diskGUID) {
            throw .invalidPartitionTable(board: board.name, reason: "disk and partition GUIDs must all differ")
        }
    }

    static func entrySectors(_ sectorSize: UInt64) -> UInt64 {
        UInt64(entryCount * entrySize).divided(roundingUpBy: sectorSize)
    }
    var entrySectors: UInt64 { Self.entrySectors(sectorSize) }
    var lastSector: UInt64 { diskSectors - 1 }
    public var firstUsableSector: UInt64 { 2 + entrySectors }
    public var lastUsableSector: UInt64 { lastSector - 1 - entrySectors }

    public var diskIdentifier: String { identity.diskGUID.description.uppercased() }

    public func partUUID(ofPartition number: Int) -> String? {
        partitions.indices.contains(number - 1) ? identity.partitionGUIDs[number - 1].description : nil
    }

    /// Protective MBR, primary header, primary entries, backup entries, backup header.
    public func writes() -> [DiskWrite] {
        let entries = entryArray()
        let backupEntriesSector = lastSector - entrySectors
        return [
            DiskWrite(offset: 0, bytes: protectiveMBR()),
            DiskWrite(offset: sectorSize, bytes: header(at: 1, backup: lastSector, entriesAt: 2, entries: entries)),
            DiskWrite(offset: 2 * sectorSize, bytes: entries),
            DiskWrite(offset: backupEntriesSector * sectorSize, bytes: entries),
            DiskWrite(offset: lastSector * sectorSize,
                      bytes: header(at: lastSector, backup: 1, entriesAt: backupEntriesSector, entries: entries)),
        ]
    }

    /// One 0xEE partition over the whole disk, so MBR-only tools see the disk as in use.
    func protectiveMBR() -> [UInt8] {
        var sector = [UInt8](repeating: 0, count: 512)
        let entry = 446
        sector.store([0x00, 0x00, 0x02, 0x00, 0xEE, 0xFF, 0xFF, 0xFF], at: entry)
        sector.storeLittleEndian(UInt32(1), at: entry + 8)
        sector.storeLittleEndian(UInt32(clamping: lastSector), at: entry + 12)
        sector.store([0x55, 0xAA], at: 510)
        return sector
    }

    func header(at sector: UInt64, backup: UInt64, entriesAt entriesSector: UInt64, entries: [UInt8]) -> [UInt8] {
        var header = [UInt8](repeating: 0, count: Int(sectorSize))
        header.store(Array("EFI PART".utf8), at: 0)
        header.storeLittleEndian(UInt32(0x0001_0000), at: 8)  // revision 1.0
        header.storeLittleEndian(UInt32(92), at: 12)          // header size
        header.storeLittleEndian(sector, at: 24)
        header.storeLittleEndian(backup, at: 32)
        header.storeLittleEndian(firstUsableSector, at: 40)
        header.storeLittleEndian(lastUsableSector, at: 48)
        header.store(identity.diskGUID.mixedEndianBytes, at: 56)
        header.storeLittleEndian(entriesSector, at: 72)
        header.storeLittleEndian(UInt32(Self.entryCount), at: 80)
        header.storeLittleEndian(UInt32(Self.entrySize), at: 84)
        header.storeLittleEndian(CRC32.checksum(entries), at: 88)
        // The header CRC covers the 92 header bytes with the CRC field itself zero.
        header.storeLittleEndian(CRC32.checksum(header[0..<92]), at: 16)
        return header
    }

    /// The full entry array, padded to whole sectors; unused entries are zero.
    func entryArray() -> [UInt8] {
        var array = [UInt8](repeating: 0, count: Int(entrySectors * sectorSize))
        for (index, entry) in partitions.enumerated() {
            let base = index * Self.entrySize
            array.store(Self.type(of: entry.filesystem).mixedEndianBytes, at: base)
            array.store(identity.partitionGUIDs[index].mixedEndianBytes, at: base + 16)
            array.storeLittleEndian(entry.firstSector, at: base + 32)
            array.storeLittleEndian(entry.lastSector, at: base + 40)
            array.storeLittleEndian(entry.bootable ? Self.legacyBIOSBootable : 0, at: base + 48)
            for (unit, codeUnit) in entry.name.utf16.enumerated() {
                array.storeLittleEndian(codeUnit, at: base + 56 + 2 * unit)
            }
        }
        return array
    }

    /// The partition type GUID for what the partition holds.
    public static func type(of filesystem: Filesystem) -> GUID {
        switch filesystem {
        case .vfat: basicDataType
        case .ext4: linuxFilesystemType
        case .raw: linuxReservedType
        }
    }
}

extension UInt64 {
    func divided(roundingUpBy divisor: UInt64) -> UInt64 { (self + divisor - 1) / divisor }
}
