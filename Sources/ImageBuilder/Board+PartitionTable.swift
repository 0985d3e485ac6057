import Boards

extension Board {
    /// The partition table the board's storage names, planned for an image of `imageSize` bytes
    /// (the board's default when nil), with `identity` or else identifiers derived from the board,
    /// `imageName` and `sourceDateEpoch`.
    /// - Throws: `ImageBuildError.invalidPartitionTable` when the layout does not fit,
    ///   `.cryptography` when the identifiers cannot be hashed.
    public func partitionTable(imageName: String, sourceDateEpoch: UInt64, imageSize: UInt64? = nil,
                               identity: DiskIdentity? = nil) throws(ImageBuildError) -> any PartitionTable {
        let chosen: DiskIdentity
        if let identity {
            chosen = identity
        } else {
            chosen = try DiskIdentity.derived(board: self, imageName: imageName, sourceDateEpoch: sourceDateEpoch)
        }
        return try Self.tableFormats[storage.partitionTable]!.init(
            board: self, imageSize: imageSize ?? storage.imageSize.bytes, identity: chosen)
    }

    /// Every partition table format Kiln writes; adding one is a new file and a line here.
    static let tableFormats: [PartitionTableKind: any PartitionTable.Type] = [.gpt: GPT.self, .mbr: MBR.self]

    /// Checks what every table format needs: a sane sector size and a disk of whole sectors.
    /// - Throws: `ImageBuildError.invalidPartitionTable`.
    func checkDiskGeometry(imageSize: UInt64) throws(ImageBuildError) {
        let sector = storage.sectorSize
        guard sector >= 512, sector.nonzeroBitCount == 1 else {
            throw .invalidPartitionTable(board: name, reason: "sector size \(sector) is not a power of two of at least 512")
        }
        guard imageSize > 0, imageSize % sector == 0 else {
            throw .invalidPartitionTable(board: name, reason: "image size \(imageSize) is not a whole number of \(sector)-byte sectors")
        }
    }
}
