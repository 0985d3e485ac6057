import Boards
import Glibc
import Digest
import Sodium
import UBoot

/// Reads an image back: its partition table, each partition's filesystem, and, given its board, the
/// bootloader regions, the U-Boot environment and the slot states. Never writes.
public final class ImageInspector {
    public let path: String
    private let descriptor: Int32
    private let size: UInt64
    private let allocated: UInt64

    /// Opens `path` read-only.
    /// - Throws: `ImageBuildError.invalidInput` when it cannot be opened. Wraps `open`, `fstat`.
    public init(path: String) throws(ImageBuildError) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .invalidInput(option: "image", path: path, reason: ImageBuildError.message(errno)) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            let failure = errno
            close(descriptor)
            throw .invalidInput(option: "image", path: path, reason: ImageBuildError.message(failure))
        }
        self.path = path
        self.descriptor = descriptor
        size = UInt64(status.st_size)
        allocated = UInt64(status.st_blocks) * 512
    }

    deinit { close(descriptor) }

    /// Reads `count` bytes at `offset` (fewer at the end of the file).
    /// - Throws: `ImageBuildError.io`. Wraps `pread`.
    func read(_ offset: UInt64, _ count: Int) throws(ImageBuildError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let result = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress! + done, count - done, off_t(offset) + off_t(done)) }
            if result < 0, errno == EINTR { continue }
            guard result >= 0 else { throw .io(operation: "read at \(offset)", path: path, errno: errno) }
            if result == 0 { break }
            done += result
        }
        return Array(bytes[..<done])
    }

    /// Everything the image shows; the board's regions, environment and slots only when `board` is given.
    /// - Throws: `ImageBuildError.invalidInput` when there is no partition table, `.io` on read errors.
    public func inspect(board: Board?) throws(ImageBuildError) -> ImageInspection {
        var table = try partitionTable()
        for index in table.partitions.indices { try identifyFilesystem(&table.partitions[index]) }
        var inspection = ImageInspection(path: path, size: size, allocatedBytes: allocated, board: board?.name,
                                         partitionTable: table, blobs: [], environment: nil, slots: [])
        guard let board else { return inspection }
        inspection.blobs = try board.bootloader.blobs.map { (blob) throws(ImageBuildError) in try inspectBlob(blob) }
        inspection.environment = try readEnvironment(board: board, table: table)
        let variables = try? BootloaderEnvironment(variables: (inspection.environment?.variables ?? []).map { .init(name: $0.name, value: $0.value) })
        let names = board.slots.compactMap(\.slot)
        let state = variables.flatMap { BootCountState(environment: $0, slots: names) }
        inspection.slots = board.slots.compactMap { partition in
            guard let name = partition.slot else { return nil }
            return .init(name: name, partition: partition.name, priority: state?.order.firstIndex(of: name), attemptsLeft: state?.attemptsLeft[name])
        }
        return inspection
    }

    /// The partition table alone, without looking into the partitions: enough to tell the board.
    /// - Throws: `ImageBuildError.invalidInput` when there is none, `.io` on read errors.
    public func partitionTable() throws(ImageBuildError) -> ImageInspection.Table {
        try PartitionTableReader.read(path: path) { (offset, count) throws(ImageBuildError) in try read(offset, count) }
    }

    /// Whether the image's partitions start where `board` puts them, in order: how the CLI guesses the board.
    public static func layout(_ table: ImageInspection.Table, matches board: Board) -> Bool {
        table.partitions.map(\.start) == board.partitions.map(\.offset.bytes)
            && table.partitions.map(\.size) == board.partitions.map(\.size.bytes)
    }

    private func inspectBlob(_ blob: BootloaderBlob) throws(ImageBuildError) -> ImageInspection.Blob {
        let bytes = try read(blob.offset.bytes, Int(blob.maxSize.bytes))
        let end = (bytes.lastIndex { $0 != 0 } ?? -1) + 1
        var digest: String?
        if end > 0 {
            do { digest = try SHA256.hash(Array(bytes[..<end])).hexString } catch { throw .cryptography(reason: error.description) }
        }
        return .init(file: blob.file, offset: blob.offset.bytes, maxSize: blob.maxSize.bytes, dataSize: UInt64(end), sha256: digest)
    }
}
