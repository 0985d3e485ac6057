/// Where everything of a FAT volume goes, computed and validated before a byte is written;
/// `--dry-run` prints it and `write(to:)` carries it out.
public struct FATPlan: Sendable {
    public let geometry: FATGeometry
    /// The label as stored: upper-case, space-padded to 11 bytes (`NO NAME` when empty).
    public let label: String
    public let serial: UInt32
    public let hiddenSectors: UInt32
    /// The root directory first, then every directory and file in allocation order.
    public let items: [Item]
    /// Clusters 2 ..< nextFreeCluster are in use; the rest are free.
    public let nextFreeCluster: UInt32

    public var freeClusters: UInt32 { geometry.clusterCount + 2 - nextFreeCluster }

    /// A file or directory and the clusters it occupies, which are always contiguous.
    public struct Item: Sendable, Equatable {
        /// `/`-separated, as given; the root directory is the empty path.
        public var path: String
        /// The 8.3 name in the directory entry, e.g. `BCM271~1.DTB`; empty for the root.
        public var shortName: String
        public var isDirectory: Bool
        /// A file's length, or the bytes of a directory's entries.
        public var size: UInt64
        /// 0 for an empty file and for a FAT16 root directory, which lives outside the cluster area.
        public var firstCluster: UInt32
        public var clusterCount: UInt32
        /// Where the first byte goes, from the start of the volume.
        public var offset: UInt64
        let source: Source
    }

    /// Where an item's bytes come from when the plan is written.
    enum Source: Sendable, Equatable {
        /// Encoded directory entries.
        case directory([UInt8])
        case bytes([UInt8])
        case file(path: String)
    }

    /// Plans `volume`: picks the FAT type and cluster size, names and places every entry.
    /// Stats source files for their sizes but reads none.
    /// - Throws: `FATError` for a bad size or label, invalid or duplicate names, a file under a file,
    ///   an unreadable source, or contents that do not fit (naming the first file that does not).
    public init(volume: FATVolume) throws(FATError) {
        geometry = try FATGeometry.forVolume(size: volume.size)
        label = try FATPlanner.labelBytes(volume.label).map { String(UnicodeScalar($0)) }.joined()
        serial = volume.serial
        hiddenSectors = volume.hiddenSectors
        var planner = try FATPlanner(entries: volume.entries, geometry: geometry, timestamp: volume.timestamp,
                                     label: volume.label.isEmpty ? nil : FATPlanner.labelBytes(volume.label))
        (items, nextFreeCluster) = try planner.allocate()
    }
}
