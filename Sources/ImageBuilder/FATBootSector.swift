/// The boot sector with its BIOS parameter block, and the FAT32 FSInfo sector.
enum FATBootSector {
    static let signatureOffset = 510
    /// Where the FAT32 backup boot sector and its FSInfo copy go, in sectors.
    static let backupSector: UInt64 = 6

    /// The boot sector for `geometry`, labelled and numbered as `volume` says.
    static func encoded(_ geometry: FATGeometry, label: [UInt8], serial: UInt32, hiddenSectors: UInt32) -> [UInt8] {
        let isFAT32 = geometry.kind == .fat32
        var sector = [UInt8](repeating: 0, count: 512)
        func put<T: FixedWidthInteger>(_ value: T, at offset: Int, _ count: Int) {
            sector.replaceSubrange(offset..<offset + count, with: FATDirectoryRecord.littleEndian(value, count))
        }
        // A jump over the BPB to `hlt; jmp $-1`, so a PC that tries to boot the volume stops quietly.
        let codeOffset = isFAT32 ? 0x5A : 0x3E
        sector.replaceSubrange(0..<3, with: [0xEB, UInt8(codeOffset - 2), 0x90])
        sector.replaceSubrange(codeOffset..<codeOffset + 3, with: [0xF4, 0xEB, 0xFD])
        sector.replaceSubrange(3..<11, with: Array("KILN    ".utf8))
        put(UInt16(FATGeometry.sectorSize), at: 11, 2)
        sector[13] = UInt8(geometry.sectorsPerCluster)
        put(UInt16(geometry.reservedSectors), at: 14, 2)
        sector[16] = UInt8(geometry.fatCount)
        put(UInt16(geometry.rootEntryCount), at: 17, 2)
        let small = !isFAT32 && geometry.totalSectors <= UInt32(UInt16.max)
        put(small ? UInt16(geometry.totalSectors) : 0, at: 19, 2)
        sector[21] = 0xF8  // fixed disk
        put(isFAT32 ? 0 : UInt16(geometry.sectorsPerFAT), at: 22, 2)
        put(UInt16(63), at: 24, 2)  // sectors per track and heads: the usual fake geometry of LBA disks
        put(UInt16(255), at: 26, 2)
        put(hiddenSectors, at: 28, 4)
        put(small ? 0 : geometry.totalSectors, at: 32, 4)
        var extended = 36
        if isFAT32 {
            put(geometry.sectorsPerFAT, at: 36, 4)
            put(geometry.rootCluster, at: 44, 4)
            put(UInt16(1), at: 48, 2)  // FSInfo sector
            put(UInt16(backupSector), at: 50, 2)
            extended = 64
        }
        sector[extended] = 0x80  // drive number of a hard disk
        sector[extended + 2] = 0x29  // the serial, label and type fields follow
        put(serial, at: extended + 3, 4)
        sector.replaceSubrange(extended + 7..<extended + 18, with: label)
        sector.replaceSubrange(extended + 18..<extended + 26, with: Array((isFAT32 ? "FAT32   " : "FAT16   ").utf8))
        sector[signatureOffset] = 0x55
        sector[signatureOffset + 1] = 0xAA
        return sector
    }

    /// The FAT32 FSInfo sector: hints for the free cluster count and where to look for a free one.
    static func fsInfo(freeClusters: UInt32, nextFree: UInt32) -> [UInt8] {
        var sector = [UInt8](repeating: 0, count: 512)
        sector.replaceSubrange(0..<4, with: FATDirectoryRecord.littleEndian(UInt32(0x4161_5252), 4))
        sector.replaceSubrange(484..<488, with: FATDirectoryRecord.littleEndian(UInt32(0x6141_7272), 4))
        sector.replaceSubrange(488..<492, with: FATDirectoryRecord.littleEndian(freeClusters, 4))
        sector.replaceSubrange(492..<496, with: FATDirectoryRecord.littleEndian(nextFree, 4))
        sector.replaceSubrange(508..<512, with: FATDirectoryRecord.littleEndian(UInt32(0xAA55_0000), 4))
        return sector
    }

    /// The geometry a boot sector describes; the FAT type follows from the cluster count, as fatgen103 says.
    /// - Throws: `FATError.corrupt` when the sector is no FAT boot sector with 512-byte sectors.
    static func decoded(_ sector: [UInt8]) throws(FATError) -> FATGeometry {
        guard sector.count == 512, sector[510] == 0x55, sector[511] == 0xAA else {
            throw .corrupt(reason: "no boot sector signature")
        }
        func value(_ offset: Int, _ count: Int) -> UInt32 {
            (0..<count).reduce(0) { $0 | UInt32(sector[offset + $1]) << (8 * $1) }
        }
        guard value(11, 2) == 512 else { throw .corrupt(reason: "sector size \(value(11, 2)) is not 512") }
        let perCluster = UInt32(sector[13]), reserved = value(14, 2), fats = UInt32(sector[16])
        let rootEntries = value(17, 2)
        let total = value(19, 2) != 0 ? value(19, 2) : value(32, 4)
        let perFAT = value(22, 2) != 0 ? value(22, 2) : value(36, 4)
        guard perCluster != 0, perCluster.nonzeroBitCount == 1, fats != 0, perFAT != 0 else {
            throw .corrupt(reason: "invalid BPB")
        }
        let rootSectors = (rootEntries * 32 + 511) / 512
        let meta = UInt64(reserved) + UInt64(fats) * UInt64(perFAT) + UInt64(rootSectors)
        guard meta < UInt64(total) else { throw .corrupt(reason: "metadata larger than the volume") }
        let clusters = UInt32((UInt64(total) - meta) / UInt64(perCluster))
        let kind: FATGeometry.Kind = clusters < 4085 ? .fat12 : clusters < 65_525 ? .fat16 : .fat32
        return FATGeometry(kind: kind, totalSectors: total, sectorsPerCluster: perCluster, reservedSectors: reserved,
                           fatCount: fats, sectorsPerFAT: perFAT, rootEntryCount: rootEntries,
                           rootCluster: kind == .fat32 ? value(44, 4) : 0, clusterCount: clusters)
    }
}
