#if canImport(Glibc)
import Glibc
#endif

/// The inactive slot's block device (or file) opened for writing the payload, then reading it back.
final class SlotDevice {
    let slot: String
    let path: String
    private let descriptor: Int32
    private let isBlockDevice: Bool
    /// Zeros written by the fallback path, allocated on first use.
    private var zeros: UnsafeMutableRawBufferPointer?

    /// Opens the slot for writing after checking it is not mounted (the booted root never is written).
    /// - Throws: `OTAError.slot` when it is mounted or smaller than `size`, `.io` when it cannot be opened.
    init(slot: String, path: String, size: UInt64, mountInfo: String = "/proc/self/mountinfo") throws(OTAError) {
        self.slot = slot
        self.path = path
        var info = stat()
        _ = try LocalFile.retrying(path, "stat") { stat(path, &info) }
        let isBlock = (info.st_mode & S_IFMT) == S_IFBLK
        if isBlock, let mount = try Self.mountPoint(of: info.st_rdev, mountInfo: mountInfo) {
            throw .slot(name: slot, device: path, reason: "it is mounted at \(mount); Kiln never writes a mounted slot")
        }
        isBlockDevice = isBlock
        descriptor = try LocalFile.retrying(path, "open") { open(path, O_RDWR | O_CLOEXEC) }
        let capacity = isBlock ? try Self.blockDeviceSize(descriptor, path) : UInt64(info.st_size)
        guard capacity >= size else {
            close(descriptor)
            throw .slot(name: slot, device: path, reason: "the payload has \(size) bytes but the slot only \(capacity)")
        }
    }

    deinit {
        close(descriptor)
        zeros?.deallocate()
    }

    /// Makes `count` bytes at `offset` read as zeros: BLKZEROOUT on a block device (the driver discards or zeroes
    /// without the data crossing the bus, and a loop device punches a hole), else written zeros.
    func zero(count: Int, at offset: UInt64) throws(OTAError) {
        var range: (UInt64, UInt64) = (offset, UInt64(count))
        let done = isBlockDevice && ioctl(descriptor, UInt(0x127F), &range) == 0  // BLKZEROOUT: _IO(0x12, 127)
        if done { return }
        if zeros == nil || zeros!.count < count {
            zeros?.deallocate()
            zeros = UnsafeMutableRawBufferPointer.allocate(byteCount: count, alignment: 4096)
            zeros!.initializeMemory(as: UInt8.self, repeating: 0)
        }
        try write(UnsafeRawBufferPointer(rebasing: zeros![0..<count]), at: offset)
    }

    func write(_ bytes: UnsafeRawBufferPointer, at offset: UInt64) throws(OTAError) {
        var done = 0
        while done < bytes.count {
            done += try LocalFile.retrying(path, "pwrite") {
                pwrite(descriptor, bytes.baseAddress! + done, bytes.count - done, off_t(offset) + off_t(done))
            }
        }
    }

    /// Puts what was written on the storage, then drops it from the page cache so the next reads come from the medium.
    func syncAndDropCache() throws(OTAError) {
        _ = try LocalFile.retrying(path, "fsync") { fsync(descriptor) }
        _ = posix_fadvise(descriptor, 0, 0, POSIX_FADV_DONTNEED)
    }

    /// Fills `buffer` from `offset`.
    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: UInt64) throws(OTAError) {
        var done = 0
        while done < buffer.count {
            let got = try LocalFile.retrying(path, "pread") {
                pread(descriptor, buffer.baseAddress! + done, buffer.count - done, off_t(offset) + off_t(done))
            }
            guard got > 0 else { throw .slot(name: slot, device: path, reason: "ends at byte \(offset + UInt64(done)) while reading back") }
            done += got
        }
    }

    /// BLKGETSIZE64: `_IOR(0x12, 114, size_t)`.
    private static func blockDeviceSize(_ descriptor: Int32, _ path: String) throws(OTAError) -> UInt64 {
        var size: UInt64 = 0
        let request = UInt(0x8008_1272)
        _ = try LocalFile.retrying(path, "ioctl(BLKGETSIZE64)") { ioctl(descriptor, request, &size) }
        return size
    }

    /// Where the block device `device` is mounted, from `/proc/self/mountinfo` (field 3 is `major:minor`).
    static func mountPoint(of device: dev_t, mountInfo: String) throws(OTAError) -> String? {
        // glibc's major()/minor() are macros Swift cannot import; this is their encoding.
        let major = (device >> 8) & 0xFFF | (device >> 32) & ~0xFFF
        let minor = device & 0xFF | (device >> 12) & ~0xFF
        let wanted = "\(major):\(minor)"
        for line in try LocalFile.text(mountInfo).split(separator: "\n") {
            let fields = line.split(separator: " ")
            if fields.count > 4, fields[2] == wanted { return String(fields[4]) }
        }
        return nil
    }
}
