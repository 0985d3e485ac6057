/// Where a FAT volume keeps its tables, root directory and clusters, in 512-byte sectors.
public struct FATGeometry: Sendable, Equatable {
    public enum Kind: String, Sendable {
        /// Read only: `mkfs.vfat` makes it for small volumes; Kiln never writes it.
        case fat12 = "FAT12"
        case fat16 = "FAT16"
        case fat32 = "FAT32"
    }

    public static let sectorSize: UInt64 = 512
    public var kind: Kind
    public var totalSectors: UInt32
    public var sectorsPerCluster: UInt32
    public var reservedSectors: UInt32
    public var fatCount: UInt32
    public var sectorsPerFAT: UInt32
    /// Entries in the fixed root directory (FAT12/16); 0 on FAT32, whose root is a cluster chain.
    public var rootEntryCount: UInt32
    /// The FAT32 root directory's first cluster.
    public var rootCluster: UInt32
    /// Data clusters, numbered 2 ..< clusterCount + 2.
    public var clusterCount: UInt32

    public var clusterSize: UInt64 { UInt64(sectorsPerCluster) * Self.sectorSize }
    public var fatOffset: UInt64 { UInt64(reservedSectors) * Self.sectorSize }
    public var fatSize: UInt64 { UInt64(sectorsPerFAT) * Self.sectorSize }
    public var rootDirectoryOffset: UInt64 { fatOffset + UInt64(fatCount) * fatSize }
    var rootDirectorySectors: UInt32 { (rootEntryCount * 32 + 511) / 512 }
    public var dataOffset: UInt64 { rootDirectoryOffset + UInt64(rootDirectorySectors) * Self.sectorSize }

    /// The byte offset of `cluster` from the start of the volume.
    public func offset(ofCluster cluster: UInt32) -> UInt64 {
        dataOffset + UInt64(cluster - 2) * clusterSize
    }

    /// The layout Kiln writes for a volume of `size` bytes: FAT32 whenever it can have 65525 clusters,
    /// else FAT16, with Microsoft's and mkfs.fat's default cluster sizes for the size.
    /// - Throws: `FATError.sizeNotSectorMultiple`, `.volumeTooSmall` or `.volumeTooLarge`.
    public static func forVolume(size: UInt64) throws(FATError) -> FATGeometry {
        guard size % sectorSize == 0 else { throw .sizeNotSectorMultiple(size: size) }
        guard size / sectorSize <= UInt64(UInt32.max) else { throw .volumeTooLarge(size: size) }
        let sectors = UInt32(size / sectorSize)
        // FAT32 with smaller clusters than the table says is still valid, and is what Raspberry Pi images
        // use on small boot partitions; try the default first, then halve.
        var perCluster = fat32ClusterSectors(size: size)
        while perCluster >= 1 {
            let geometry = layout(.fat32, sectors: sectors, perCluster: perCluster)
            if geometry.clusterCount >= 65_525 { return geometry }
            perCluster /= 2
        }
        // FAT16: grow clusters until the count fits in 16 bits, or shrink them until there are 4085.
        perCluster = fat16ClusterSectors(size: size)
        while true {
            let geometry = layout(.fat16, sectors: sectors, perCluster: perCluster)
            if (4085...65_524).contains(geometry.clusterCount) { return geometry }
            if geometry.clusterCount > 65_524, perCluster < 128 {
                perCluster *= 2
            } else if geometry.clusterCount < 4085, perCluster > 1 {
                perCluster /= 2
            } else {
                break
            }
        }
        if sectors < minimumFAT16Sectors {
            throw .volumeTooSmall(size: size, minimum: UInt64(minimumFAT16Sectors) * sectorSize)
        }
        throw .volumeTooLarge(size: size)
    }

    /// 4085 one-sector clusters plus 1 reserved sector, two 16-sector FATs and the 32-sector root.
    static let minimumFAT16Sectors: UInt32 = 4085 + 1 + 2 * 16 + 32

    /// Microsoft's FAT32 table (fatgen103), which mkfs.fat follows: 512 B to 260 MiB, 4 KiB to 8 GiB, ...
    static func fat32ClusterSectors(size: UInt64) -> UInt32 {
        let mib: UInt64 = 1 << 20
        switch size {
        case ...(260 * mib): return 1
        case ...(8192 * mib): return 8
        case ...(16384 * mib): return 16
        case ...(32768 * mib): return 32
        default: return 64
        }
    }

    /// Microsoft's FAT16 table: 1 KiB clusters to 16 MiB, 2 KiB to 128 MiB, 4 KiB to 256 MiB, ...
    static func fat16ClusterSectors(size: UInt64) -> UInt32 {
        let mib: UInt64 = 1 << 20
        switch size {
        case ...(16 * mib): return 2
        case ...(128 * mib): return 4
        case ...(256 * mib): return 8
        case ...(512 * mib): return 16
        default: return 32
        }
    }

    /// Sizes the FATs: the smallest FAT with an entry for every cluster left after the FATs themselves,
    /// solved in closed form (fatgen103's iteration oscillates by one sector).
    static func layout(_ kind: Kind, sectors: UInt32, perCluster: UInt32) -> FATGeometry {
        let reserved: UInt32 = kind == .fat32 ? 32 : 1
        let rootEntries: UInt32 = kind == .fat32 ? 0 : 512
        let rootSectors = rootEntries * 32 / 512
        let perFATSector: UInt64 = kind == .fat32 ? 128 : 256
        let available = Int64(sectors) - Int64(reserved) - Int64(rootSectors)
        guard available > 0 else {
            return FATGeometry(kind: kind, totalSectors: sectors, sectorsPerCluster: perCluster,
                               reservedSectors: reserved, fatCount: 2, sectorsPerFAT: 0,
                               rootEntryCount: rootEntries, rootCluster: 0, clusterCount: 0)
        }
        let numerator = UInt64(available) + 2 * UInt64(perCluster)
        let denominator = perFATSector * UInt64(perCluster) + 2
        let fatSectors = UInt32((numerator + denominator - 1) / denominator)
        let dataSectors = max(Int64(available) - 2 * Int64(fatSectors), 0)
        return FATGeometry(kind: kind, totalSectors: sectors, sectorsPerCluster: perCluster,
                           reservedSectors: reserved, fatCount: 2, sectorsPerFAT: fatSectors,
                           rootEntryCount: rootEntries, rootCluster: kind == .fat32 ? 2 : 0,
                           clusterCount: UInt32(dataSectors / Int64(perCluster)))
    }
}
