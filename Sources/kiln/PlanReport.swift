import Boards
import ImageBuilder

/// `kiln image build --dry-run`: the plan as JSON or text.
struct PlanReport: Encodable {
    var board: String
    var output: String
    var imageSize: UInt64
    var partitionTable: String
    var diskIdentifier: String
    var sourceDateEpoch: Int64
    var regions: [ImagePlan.Region]
    var partitions: [Partition]
    var environment: [String: String]
    var bootScript: String

    struct Partition: Encodable {
        var number: Int
        var name: String
        var partuuid: String
        var start: UInt64
        var size: UInt64
        var filesystem: String
        var files: [String]
    }

    enum CodingKeys: String, CodingKey {
        case board, output, imageSize = "image_size", partitionTable = "partition_table", diskIdentifier = "disk_identifier"
        case sourceDateEpoch = "source_date_epoch", regions, partitions, environment, bootScript = "boot_script"
    }

    init(plan: ImagePlan) {
        board = plan.board.name
        output = plan.request.output
        imageSize = plan.imageSize
        partitionTable = plan.table.kind.rawValue
        diskIdentifier = plan.table.diskIdentifier
        sourceDateEpoch = plan.request.sourceDateEpoch
        regions = plan.regions
        partitions = plan.table.partitions.map { entry in
            let partition = plan.board.partitions.first { $0.name == entry.name }!
            var files: [String] = plan.fatVolumes.first { $0.partition.name == entry.name }?.volume.entries.map(\.path) ?? []
            if let ext4 = plan.filesystems.first(where: { $0.partition.name == entry.name }),
               case .rootfs(let source, _, let boot) = ext4.contents {
                files = ["/ from \(source)"] + boot.map { "/" + $0.path }
            }
            return Partition(number: entry.number, name: entry.name, partuuid: plan.table.partUUID(ofPartition: entry.number) ?? "",
                             start: partition.offset.bytes, size: partition.size.bytes, filesystem: partition.filesystem.rawValue, files: files)
        }
        environment = Dictionary(plan.environment.variables.variables.map { ($0.name, $0.value) }, uniquingKeysWith: { $1 })
        bootScript = plan.bootCommand.script
    }

    var rendered: String {
        var lines = ["Plan for \(output): board \(board), \(ByteSize(imageSize)), \(partitionTable) \(diskIdentifier), SOURCE_DATE_EPOCH=\(sourceDateEpoch)", ""]
        let rows = regions.map { region in
            [ByteSize(region.start).hex, ByteSize(region.size).description, region.kind, region.name, region.contents]
        }
        lines.append(TextTable(header: ["OFFSET", "SIZE", "KIND", "NAME", "CONTENTS"], rows: rows).rendered)
        lines += ["", "Partitions:"]
        lines += partitions.map { "  \($0.number) \($0.name) PARTUUID=\($0.partuuid) \($0.filesystem)" }
        lines += ["", "U-Boot environment: \(environment.count) variables (BOOT_ORDER=\(environment["BOOT_ORDER"] ?? "?"))",
                  "Nothing was written (--dry-run)."]
        return lines.joined(separator: "\n")
    }
}

/// What `kiln image build` prints when done.
struct BuildReport: Encodable {
    var image: String
    var imageSize: UInt64
    var allocatedBytes: UInt64
    var blockMap: String?
    var compressed: String?
    var partitions: [String: String]

    enum CodingKeys: String, CodingKey {
        case image, imageSize = "image_size", allocatedBytes = "allocated_bytes", blockMap = "bmap", compressed, partitions
    }

    init(result: ImageBuildResult, plan: ImagePlan) {
        image = result.image
        imageSize = result.imageSize
        allocatedBytes = result.allocatedBytes
        blockMap = result.blockMap
        compressed = result.compressed
        partitions = Dictionary(uniqueKeysWithValues: plan.table.partitions.map { ($0.name, plan.table.partUUID(ofPartition: $0.number) ?? "") })
    }

    var rendered: String {
        var lines = ["Built \(image): \(ByteSize(imageSize)), \(ByteSize(allocatedBytes)) allocated"]
        if let blockMap { lines.append("Block map: \(blockMap)") }
        if let compressed { lines.append("Compressed: \(compressed)") }
        return lines.joined(separator: "\n")
    }
}
