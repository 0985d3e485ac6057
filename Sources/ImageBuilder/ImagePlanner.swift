import Boards
import UBoot

/// Works out an `ImagePlan`: validates the inputs against the board, lays out every region and
/// computes the small contents (environment, boot script, FAT files), without writing anything.
struct ImagePlanner {
    let request: ImageRequest
    let imageSize: UInt64
    let table: any PartitionTable

    var board: Board { request.board }
    var epoch: UInt64 { UInt64(clamping: request.sourceDateEpoch) }

    init(request: ImageRequest) throws(ImageBuildError) {
        self.request = request
        imageSize = request.imageSize ?? request.board.storage.imageSize.bytes
        table = try request.board.partitionTable(imageName: request.imageName, sourceDateEpoch: UInt64(clamping: request.sourceDateEpoch),
                                                 imageSize: imageSize)
    }

    func plan() throws(ImageBuildError) -> ImagePlan {
        let blobs = try planBlobs()
        let command = try bootCommand()
        let environment = try planEnvironment(command: command)
        let slotFiles = try planSlotFiles(command: command)
        let fatVolumes = try planFATVolumes(command: command, environment: environment)
        let filesystems = try planExt4Partitions(slotFiles: slotFiles)
        return ImagePlan(request: request, imageSize: imageSize, table: table, blobs: blobs, environment: environment,
                         bootCommand: command, fatVolumes: fatVolumes, filesystems: filesystems)
    }

    /// The directory given for `input`, or an error saying which board file needs it.
    func directory(_ input: BuildInput, neededFor reason: String) throws(ImageBuildError) -> String {
        let (option, path) = request.inputs.directory(for: input)
        guard let path else { throw .missingInput(option: option, reason: "board '\(board.name)' needs \(reason)") }
        try InputFile.directory(option: option, path: path)
        return path
    }

    /// The board's partition called `name`, with its number in the table.
    func partitionNumber(_ partition: Partition) -> Int {
        table.partitions.first { $0.name == partition.name }!.number
    }
}

extension ImagePlan {
    /// Plans the build `request` asks for.
    /// - Throws: `ImageBuildError` naming the input, option or board key that is missing or wrong.
    public init(request: ImageRequest) throws(ImageBuildError) {
        self = try ImagePlanner(request: request).plan()
    }
}
