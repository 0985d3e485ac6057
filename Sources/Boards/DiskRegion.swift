/// A named stretch of the disk a board reserves: a partition table, a bootloader blob, an environment copy, a partition.
public struct DiskRegion: Sendable, Equatable {
    public enum Kind: String, Sendable {
        case partitionTable = "partition table"
        case bootloaderBlob = "bootloader blob"
        case environment = "bootloader environment"
        case partition
    }

    public var kind: Kind
    public var name: String
    public var range: ByteRange
    /// The board-file key that places the region, for error messages.
    public var keyPath: String

    public var label: String { "\(kind.rawValue) '\(name)' (\(range))" }
}

extension Board {
    /// Every region the board reserves on a disk of `imageSize` bytes, partition tables first.
    ///
    /// GPT takes sector 0 (protective MBR), sector 1 (header) and 16 KiB of entries at the start,
    /// and the same entries plus a header at the end; MBR takes sector 0.
    public func regions(imageSize: UInt64? = nil) -> [DiskRegion] {
        let size = imageSize ?? storage.imageSize.bytes
        let sector = storage.sectorSize
        var regions: [DiskRegion] = []
        switch storage.partitionTable {
        case .mbr:
            regions.append(DiskRegion(kind: .partitionTable, name: "MBR", range: ByteRange(start: 0, length: sector),
                                      keyPath: "storage.partition-table"))
        case .gpt:
            let entries = (16 * 1024 as UInt64).aligned(to: sector)
            regions.append(DiskRegion(kind: .partitionTable, name: "primary GPT",
                                      range: ByteRange(start: 0, length: 2 * sector + entries),
                                      keyPath: "storage.partition-table"))
            let backup = entries + sector
            if size > backup {
                regions.append(DiskRegion(kind: .partitionTable, name: "backup GPT",
                                          range: ByteRange(start: size - backup, length: backup),
                                          keyPath: "storage.image-size"))
            }
        }
        for (index, partition) in partitions.enumerated() {
            regions.append(DiskRegion(kind: .partition, name: partition.name, range: partition.range,
                                      keyPath: "partitions[\(index)].offset"))
        }
        for (index, blob) in bootloader.blobs.enumerated() {
            regions.append(DiskRegion(kind: .bootloaderBlob, name: blob.file, range: blob.range,
                                      keyPath: "bootloader.blobs[\(index)].offset"))
        }
        let environment = bootloader.environment
        if case .raw(let offset, let redundant) = environment.storage {
            regions.append(DiskRegion(kind: .environment, name: "primary",
                                      range: ByteRange(start: offset.bytes, length: environment.size.bytes),
                                      keyPath: "bootloader.environment.offset"))
            if let redundant {
                regions.append(DiskRegion(kind: .environment, name: "redundant",
                                          range: ByteRange(start: redundant.bytes, length: environment.size.bytes),
                                          keyPath: "bootloader.environment.redundant-offset"))
            }
        }
        return regions
    }
}
