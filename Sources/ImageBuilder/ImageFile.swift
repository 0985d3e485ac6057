import Glibc

/// A sparse output file, written at a temporary path beside its destination and renamed into place on `commit()`.
///
/// The file starts as one hole of `size` bytes. Writes skip every all-zero 4 KiB block, so untouched and
/// zero ranges stay holes; this relies on each range being written at most once (a skipped zero block does
/// not erase earlier data). Without `commit()` the temporary file is removed when the object goes away,
/// so a failed build leaves nothing at the destination.
public final class ImageFile {
    /// The destination, which exists only after `commit()`.
    public let path: String
    /// Where the file lives until `commit()`: a hidden name in the destination's directory, so the rename is atomic.
    public let temporaryPath: String
    public let size: UInt64
    private let descriptor: Int32
    private var committed = false

    /// The granularity of zero-skipping: the page and block size of the filesystems images are built on.
    static let zeroBlockSize = 4096
    private static let zeroBlock = [UInt8](repeating: 0, count: zeroBlockSize)

    /// Creates the temporary file beside `path` and extends it to `size` bytes without allocating them.
    /// - Throws: `ImageBuildError.io` naming the failed call. Wraps `mkstemp`, `ftruncate`, `fchmod`.
    public init(path: String, size: UInt64) throws(ImageBuildError) {
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { String(path[..<$0]) } ?? "."
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        var template = Array("\(directory.isEmpty ? "/" : directory)/.\(name).kiln-XXXXXX".utf8CString)
        // mkostemp (atomic O_CLOEXEC) is not visible without _GNU_SOURCE; set the flag right after.
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        if descriptor >= 0 { _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC) }
        guard descriptor >= 0 else { throw .io(operation: "create a temporary file beside it", path: path, errno: errno) }
        let temporaryPath = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        // mkstemp creates 0600; an image is an ordinary readable file.
        let prepared = Self.retryingInterrupts { ftruncate(descriptor, off_t(size)) } == 0 ? fchmod(descriptor, 0o644) : -1
        guard prepared == 0 else {
            let failure = errno
            close(descriptor)
            unlink(temporaryPath)
            throw .io(operation: "size the temporary file to \(size) bytes", path: path, errno: failure)
        }
        self.path = path
        self.temporaryPath = temporaryPath
        self.size = size
        self.descriptor = descriptor
    }

    /// Writes each planned region.
    /// - Throws: as `write(_:at:)`.
    public func write(_ writes: [DiskWrite]) throws(ImageBuildError) {
        for write in writes { try self.write(write.bytes, at: write.offset) }
    }

    /// Writes `bytes` at `offset`, skipping all-zero 4 KiB blocks (aligned to the file) so they stay holes.
    /// - Throws: `ImageBuildError.writeOutOfBounds` past `size`, `.diskFull`, `.io`. Wraps `pwrite`.
    public func write(_ bytes: [UInt8], at offset: UInt64) throws(ImageBuildError) {
        // Array.withUnsafeBytes only rethrows untyped errors: carry the typed one out in a Result.
        let result: Result<Void, ImageBuildError> = bytes.withUnsafeBytes { buffer in
            Result { () throws(ImageBuildError) in try write(buffer, at: offset) }
        }
        try result.get()
    }

    /// Writes `buffer` at `offset`, skipping all-zero 4 KiB blocks; runs of data go out in one `pwrite` each.
    /// - Throws: `ImageBuildError.writeOutOfBounds` past `size`, `.diskFull`, `.io`. Wraps `pwrite`.
    public func write(_ buffer: UnsafeRawBufferPointer, at offset: UInt64) throws(ImageBuildError) {
        let length = UInt64(buffer.count)
        guard offset <= size, length <= size - offset else {
            throw .writeOutOfBounds(path: path, offset: offset, length: length, size: size)
        }
        let block = UInt64(Self.zeroBlockSize)
        var start = 0, runStart: Int?
        while start < buffer.count {
            let end = min(buffer.count, start + Int(block - (offset + UInt64(start)) % block))
            let piece = UnsafeRawBufferPointer(rebasing: buffer[start..<end])
            if Self.isZero(piece) {
                if let run = runStart {
                    try writeAll(UnsafeRawBufferPointer(rebasing: buffer[run..<start]), at: offset + UInt64(run))
                    runStart = nil
                }
            } else if runStart == nil {
                runStart = start
            }
            start = end
        }
        if let run = runStart {
            try writeAll(UnsafeRawBufferPointer(rebasing: buffer[run...]), at: offset + UInt64(run))
        }
    }

    /// `pwrite` until everything is written: it may write less than asked, or be interrupted by a signal.
    private func writeAll(_ buffer: UnsafeRawBufferPointer, at offset: UInt64) throws(ImageBuildError) {
        var done = 0
        while done < buffer.count {
            let written = pwrite(descriptor, buffer.baseAddress! + done, buffer.count - done, off_t(offset) + off_t(done))
            if written > 0 {
                done += written
            } else if written < 0, errno == EINTR {
                continue
            } else {
                // pwrite returning 0 for a non-empty request on a regular file means it cannot go on.
                let failure = written == 0 ? EIO : errno
                if [ENOSPC, EDQUOT, EFBIG].contains(failure) { throw .diskFull(path: path, errno: failure) }
                throw .io(operation: "write \(buffer.count - done) bytes at offset \(offset + UInt64(done))", path: path, errno: failure)
            }
        }
    }

    /// Reads up to `buffer.count` bytes at `offset` from the file as written so far; fewer only at its end.
    /// - Throws: `ImageBuildError.io`. Wraps `pread`.
    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: UInt64) throws(ImageBuildError) -> Int {
        var done = 0
        while done < buffer.count {
            let count = pread(descriptor, buffer.baseAddress! + done, buffer.count - done, off_t(offset) + off_t(done))
            if count > 0 { done += count; continue }
            if count == 0 { break }
            if errno == EINTR { continue }
            throw .io(operation: "read at offset \(offset + UInt64(done))", path: path, errno: errno)
        }
        return done
    }

    /// The ranges of the file that hold data, in bytes, as the filesystem reports them.
    /// - Throws: `ImageBuildError.io`. Wraps `lseek` with `SEEK_DATA` and `SEEK_HOLE`.
    func dataRanges() throws(ImageBuildError) -> [Range<UInt64>] {
        var ranges: [Range<UInt64>] = [], position: off_t = 0
        while UInt64(position) < size {
            let data = lseek(descriptor, position, Self.seekData)
            if data < 0, errno == ENXIO { break }  // no data after `position`
            guard data >= 0 else { throw .io(operation: "lseek(SEEK_DATA) from \(position)", path: path, errno: errno) }
            let hole = lseek(descriptor, data, Self.seekHole)
            guard hole >= 0 else { throw .io(operation: "lseek(SEEK_HOLE) from \(data)", path: path, errno: errno) }
            ranges.append(UInt64(data)..<UInt64(hole))
            position = hole
        }
        return ranges
    }

    /// The bytes the file occupies on disk so far (holes take none).
    public var allocatedBytes: UInt64 {
        var status = stat()
        return fstat(descriptor, &status) == 0 ? UInt64(status.st_blocks) * 512 : 0
    }

    /// Flushes the file, renames it to `path` and flushes the directory, so `path` holds either nothing or all of it.
    /// - Throws: `ImageBuildError.io` (or `.diskFull` from delayed allocation). Wraps `fsync`, `rename`.
    public func commit() throws(ImageBuildError) {
        guard !committed else { return }
        guard Self.retryingInterrupts({ fsync(descriptor) }) == 0 else {
            let failure = errno
            if [ENOSPC, EDQUOT].contains(failure) { throw .diskFull(path: path, errno: failure) }
            throw .io(operation: "fsync", path: path, errno: failure)
        }
        guard rename(temporaryPath, path) == 0 else {
            throw .io(operation: "rename from \(temporaryPath)", path: path, errno: errno)
        }
        committed = true
        try syncDirectory()
    }

    /// The rename is durable only once the directory entry is on disk.
    private func syncDirectory() throws(ImageBuildError) {
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { $0 == path.startIndex ? "/" : String(path[..<$0]) } ?? "."
        let handle = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard handle >= 0 else { throw .io(operation: "open its directory", path: path, errno: errno) }
        defer { close(handle) }
        guard Self.retryingInterrupts({ fsync(handle) }) == 0 else {
            throw .io(operation: "fsync its directory", path: path, errno: errno)
        }
    }

    /// Glibc declares `SEEK_DATA`/`SEEK_HOLE` only under `_GNU_SOURCE`, which Swift's Glibc module does not set;
    /// the values are Linux ABI (`include/uapi/linux/fs.h`) and never change.
    private static let seekData: Int32 = 3, seekHole: Int32 = 4

    private static func isZero(_ piece: UnsafeRawBufferPointer) -> Bool {
        zeroBlock.withUnsafeBytes { memcmp(piece.baseAddress!, $0.baseAddress!, piece.count) == 0 }
    }

    private static func retryingInterrupts(_ call: () -> Int32) -> Int32 {
        while true {
            let result = call()
            if result == -1, errno == EINTR { continue }
            return result
        }
    }

    deinit {
        // Cleanup cannot report failures from deinit; a leftover hidden temporary file is the worst outcome.
        close(descriptor)
        if !committed { unlink(temporaryPath) }
    }
}
