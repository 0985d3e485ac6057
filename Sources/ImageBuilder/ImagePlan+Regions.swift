import Boards

extension ImagePlan {
    /// One stretch of the disk in the plan, for `--dry-run`.
    public struct Region: Sendable, Equatable, Encodable {
        public var start: UInt64
        public var size: UInt64
        /// `partition-table`, `bootloader`, `environment`, `partition`.
        public var kind: String
        public var name: String
        /// What goes there, in words.
        public var contents: String
    }

    /// Every region the build writes, in disk order.
    public var regions: [Region] {
        let firstPartition = board.partitions.map(\.offset.bytes).min() ?? imageSize
        var regions = table.writes().map { write in
            let name = write.offset == 0 ? (table.kind == .gpt ? "protective MBR" : "MBR")
                : write.offset < firstPartition ? "primary GPT" : "backup GPT"
            return Region(start: write.offset, size: UInt64(write.bytes.count), kind: "partition-table", name: name,
                          contents: write.offset == 0 ? "boot sector, disk signature, partition entries"
                              : write.bytes.count <= Int(table.sectorSize) ? "header" : "partition entries")
        }
        regions += blobs.map {
            Region(start: $0.offset, size: $0.size, kind: "bootloader", name: $0.file, contents: "\($0.source) (\($0.size) of \($0.maxSize) bytes)")
        }
        if case .raw(let offsets) = environment.placement {
            regions += offsets.enumerated().map { index, offset in
                Region(start: offset, size: environment.size, kind: "environment", name: index == 0 ? "u-boot-env" : "u-boot-env-redundant",
                       contents: "\(environment.variables.variables.count) variables")
            }
        }
        for entry in table.partitions {
            let partition = board.partitions.first { $0.name == entry.name }!
            regions.append(Region(start: partition.offset.bytes, size: partition.size.bytes, kind: "partition",
                                  name: "\(entry.number):\(entry.name)", contents: describe(partition)))
        }
        return regions.sorted { $0.start < $1.start }
    }

    private func describe(_ partition: Partition) -> String {
        if let fat = fatVolumes.first(where: { $0.partition.name == partition.name }) {
            let files = fat.volume.entries.map(\.path)
            return "vfat '\(fat.volume.label)'" + (files.isEmpty ? ", empty" : ": " + files.joined(separator: ", "))
        }
        guard let ext4 = filesystems.first(where: { $0.partition.name == partition.name }) else { return partition.filesystem.rawValue }
        switch ext4.contents {
        case .empty:
            return "ext4 '\(ext4.label)', empty"
        case .rootfs(let source, _, let boot):
            return "ext4 '\(ext4.label)': \(source) + " + boot.map { "/" + $0.path }.joined(separator: ", ")
        }
    }
}
