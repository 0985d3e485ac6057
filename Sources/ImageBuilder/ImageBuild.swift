import Boards
import Glibc

/// Executes an `ImagePlan`: writes every region into a sparse temporary file and renames it (and the
/// block map and compressed copy) into place only when all of it succeeded.
public struct ImageBuild {
    public let plan: ImagePlan

    public init(plan: ImagePlan) {
        self.plan = plan
    }

    /// Builds the image.
    /// - Throws: `ImageBuildError`; nothing is left at the output paths then.
    public func run(progress: ImageBuildObserver? = nil) throws(ImageBuildError) -> ImageBuildResult {
        let report = progress ?? { _ in }
        let file = try ImageFile(path: plan.request.output, size: plan.imageSize)
        report(.init(step: "partition table", completed: 0, total: 1))
        try file.write(plan.table.writes())
        try writeBlobs(to: file)
        try writeRawEnvironment(to: file)
        for volume in plan.fatVolumes { try writeFAT(volume, to: file, report: report) }
        for filesystem in plan.filesystems { try writeExt4(filesystem, to: file, report: report) }
        let outputs = try SideOutputs(plan: plan, image: file, report: report)
        try file.commit()
        try outputs.commit()
        return ImageBuildResult(image: plan.request.output, imageSize: plan.imageSize, allocatedBytes: file.allocatedBytes,
                                blockMap: outputs.blockMap?.path, compressed: outputs.compressed?.path)
    }

    private func writeBlobs(to file: ImageFile) throws(ImageBuildError) {
        for blob in plan.blobs {
            let bytes = try InputFile.read(option: "--bootloader", path: blob.source)
            // Checked again: the file may have changed since the plan was made.
            guard UInt64(bytes.count) <= blob.maxSize else {
                throw .blobTooLarge(file: blob.source, size: UInt64(bytes.count), offset: blob.offset, maxSize: blob.maxSize)
            }
            try file.write(bytes, at: blob.offset)
        }
    }

    private func writeRawEnvironment(to file: ImageFile) throws(ImageBuildError) {
        guard case .raw(let offsets) = plan.environment.placement else { return }
        for (offset, copy) in zip(offsets, try plan.environment.copies()) { try file.write(copy, at: offset) }
    }

    private func writeFAT(_ fat: ImagePlan.FATPartition, to file: ImageFile, report: ImageBuildObserver) throws(ImageBuildError) {
        report(.init(step: fat.partition.name, completed: 0, total: fat.partition.size.bytes))
        let base = fat.partition.offset.bytes
        // The writer reports a failed sink as its own .io; keep the image's error (disk full, say) instead.
        var sinkFailure: ImageBuildError?
        let sink: FATSink = { offset, bytes in
            do { try file.write(bytes, at: base + offset) } catch let error as ImageBuildError {
                sinkFailure = error
                throw error
            }
        }
        let outcome: Result<Void, FATError> = Result { () throws(FATError) in try FATPlan(volume: fat.volume).write(to: sink) }
        if case .failure(let error) = outcome { throw sinkFailure ?? .bootPartition(error) }
        report(.init(step: fat.partition.name, completed: fat.partition.size.bytes, total: fat.partition.size.bytes))
    }
}
