import Archive
import Boards
import Glibc

/// The block map and compressed copy of an image, made from its finished temporary file and renamed
/// into place right after it.
struct SideOutputs {
    let blockMap: ImageFile?
    let compressed: ImageFile?

    /// Scans and hashes `image` for the block map and streams it through the compressor, as the plan asks.
    /// - Throws: `ImageBuildError`; the temporary files are removed then.
    init(plan: ImagePlan, image: ImageFile, report: ImageBuildObserver) throws(ImageBuildError) {
        if plan.request.blockMap {
            report(.init(step: "block map", completed: 0, total: image.size))
            let text = Array(try BlockMap(scanning: image).xml().utf8)
            let file = try ImageFile(path: plan.request.blockMapPath, size: UInt64(text.count))
            try file.write(text, at: 0)
            blockMap = file
        } else {
            blockMap = nil
        }
        if let compression = plan.request.compression, let path = plan.request.compressedPath {
            let file = try ImageFile(path: path, size: 0)
            try Self.compress(image, into: file, with: compression, report: report)
            compressed = file
        } else {
            compressed = nil
        }
    }

    func commit() throws(ImageBuildError) {
        try blockMap?.commit()
        try compressed?.commit()
    }

    /// Streams the whole image, holes read as zeros, through the compressor into `file`'s temporary path.
    private static func compress(_ image: ImageFile, into file: ImageFile, with compression: ImageCompression,
                                 report: ImageBuildObserver) throws(ImageBuildError) {
        let step = "compress (\(compression.rawValue))"
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { chunk.deallocate() }
        do {
            let writer = try CompressedFileWriter(path: file.temporaryPath, filter: compression == .zstd ? .zstd : .xz,
                                                  size: Int64(image.size))
            var offset: UInt64 = 0
            while offset < image.size {
                let count = try image.read(into: chunk, at: offset)
                guard count > 0 else { throw ImageBuildError.io(operation: "read at \(offset)", path: image.temporaryPath, errno: EIO) }
                try writer.write(UnsafeRawBufferPointer(rebasing: chunk[0..<count]))
                offset += UInt64(count)
                report(.init(step: step, completed: offset, total: image.size))
            }
            try writer.finish()
        } catch let error as ImageBuildError {
            throw error
        } catch {
            throw .io(operation: "compress with \(compression.rawValue): \(error)", path: file.path, errno: EIO)
        }
    }
}
