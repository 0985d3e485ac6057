import Foundation
import ImageBuilder

/// A sparse image file the FAT tests write volumes into and read them back from, with `pwrite`/`pread`.
final class FATImageFile {
    let path: String
    private let descriptor: Int32

    /// Creates (or truncates) `path` as a hole of `size` bytes.
    init(path: String, size: UInt64) throws {
        self.path = path
        descriptor = open(path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0, ftruncate(descriptor, off_t(size)) == 0 else {
            throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
        }
    }

    /// Opens an existing image, e.g. one `mkfs.vfat` made.
    init(existing path: String) throws {
        self.path = path
        descriptor = open(path, O_RDWR | O_CLOEXEC)
        guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
    }

    deinit { close(descriptor) }

    func write(_ offset: UInt64, _ bytes: UnsafeRawBufferPointer) throws {
        guard pwrite(descriptor, bytes.baseAddress, bytes.count, off_t(offset)) == bytes.count else {
            throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
        }
    }

    func read(_ offset: UInt64, _ count: Int) throws -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        let got = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, count, off_t(offset)) }
        guard got >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        return Array(bytes[..<got])
    }

    /// Plans `volume` and writes it into this file.
    @discardableResult
    func write(_ volume: FATVolume) throws -> FATPlan {
        let plan = try FATPlan(volume: volume)
        try plan.write(to: write)
        return plan
    }
}
