import CLibext2fs

/// Streams one file's data into its inode block by block, in any order of offsets, without
/// writing all-zero blocks: they stay holes, which read back as zeros.
///
/// Owns the libext2fs file handle; `finish()` sets the size and closes it.
final class Ext4FileWriter {
    private let filesystem: Ext4Filesystem
    private let path: String
    private let size: UInt64
    private let blockSize: Int
    private var file: ext2_file_t?
    /// The partly covered block being assembled, and its index.
    private var pending: [UInt8]
    private var pendingBlock: UInt64?
    private var libext2fs: Libext2fs { filesystem.libext2fs }

    /// Opens inode `number` for writing `size` bytes. Wraps `ext2fs_file_open`.
    init(filesystem: Ext4Filesystem, inode number: ext2_ino_t, path: String, size: UInt64) throws(Ext4Error) {
        let fs = try filesystem.open()
        self.filesystem = filesystem
        self.path = path
        self.size = size
        self.blockSize = Int(fs.pointee.blocksize)
        self.pending = [UInt8](repeating: 0, count: blockSize)
        var opened: ext2_file_t?
        let code = libext2fs.ext2fs_file_open(fs, number, EXT2_FILE_WRITE, &opened)
        try filesystem.check(code, "ext2fs_file_open", path: path)
        file = opened
    }

    deinit {
        // Only a writer abandoned after an error gets here (finish() closes and checks): its data is moot.
        if file != nil { _ = libext2fs.ext2fs_file_close(file) }
    }

    /// Writes `bytes` at `offset` in the file.
    func write(at offset: UInt64, _ bytes: UnsafeRawBufferPointer) throws(Ext4Error) {
        var position = offset
        var rest = bytes
        let blockSize = UInt64(self.blockSize)
        while !rest.isEmpty {
            let block = position / blockSize
            let within = Int(position % blockSize)
            if within == 0, rest.count >= self.blockSize, pendingBlock != block {
                // The earlier partial block goes first, so blocks are allocated in file order.
                try flushPending()
                let whole = rest.count / self.blockSize * self.blockSize
                try writeSkippingZeros(at: position, UnsafeRawBufferPointer(rebasing: rest[..<whole]))
                position += UInt64(whole)
                rest = UnsafeRawBufferPointer(rebasing: rest[whole...])
                continue
            }
            if pendingBlock != block {
                try flushPending()
                pendingBlock = block
            }
            let count = min(self.blockSize - within, rest.count)
            pending.withUnsafeMutableBytes { target in
                UnsafeMutableRawBufferPointer(rebasing: target[within..<(within + count)])
                    .copyMemory(from: UnsafeRawBufferPointer(rebasing: rest[..<count]))
            }
            position += UInt64(count)
            rest = UnsafeRawBufferPointer(rebasing: rest[count...])
        }
    }

    /// Writes the last partial block, sets the size (a trailing hole included) and closes.
    /// Wraps `ext2fs_file_set_size2` and `ext2fs_file_close`.
    func finish() throws(Ext4Error) {
        try flushPending()
        try filesystem.check(libext2fs.ext2fs_file_set_size2(file, ext2_off64_t(size)), "ext2fs_file_set_size2", path: path)
        let closing = file
        file = nil
        try filesystem.check(libext2fs.ext2fs_file_close(closing), "ext2fs_file_close", path: path)
    }

    private func flushPending() throws(Ext4Error) {
        guard let block = pendingBlock else { return }
        pendingBlock = nil
        let start = block * UInt64(blockSize)
        // The file's last block is written only up to the size, so the size never overshoots.
        let count = Int(min(UInt64(blockSize), size > start ? size - start : 0))
        // Array's closures cannot throw a typed error, so the failure comes out as a value.
        let failure = pending.withUnsafeBytes { bytes -> Ext4Error? in
            let used = UnsafeRawBufferPointer(rebasing: bytes[..<count])
            return Self.isZero(used) ? nil : Self.result { () throws(Ext4Error) in try writeRun(at: start, used) }
        }
        if let failure { throw failure }
        // The next partial block starts as zeros: bytes it does not receive are holes.
        pending.withUnsafeMutableBytes { _ = $0.initializeMemory(as: UInt8.self, repeating: 0) }
    }

    /// Writes whole blocks, each run of non-zero blocks in one call.
    private func writeSkippingZeros(at offset: UInt64, _ bytes: UnsafeRawBufferPointer) throws(Ext4Error) {
        var runStart: Int?
        var index = 0
        while index <= bytes.count {
            let isData = index < bytes.count
                && !Self.isZero(UnsafeRawBufferPointer(rebasing: bytes[index..<(index + blockSize)]))
            if isData, runStart == nil { runStart = index }
            if !isData, let start = runStart {
                try writeRun(at: offset + UInt64(start), UnsafeRawBufferPointer(rebasing: bytes[start..<index]))
                runStart = nil
            }
            index += blockSize
        }
    }

    /// Wraps `ext2fs_file_llseek` and `ext2fs_file_write`.
    private func writeRun(at offset: UInt64, _ bytes: UnsafeRawBufferPointer) throws(Ext4Error) {
        let sought = libext2fs.ext2fs_file_llseek(file, offset, EXT2_SEEK_SET, nil)
        try filesystem.check(sought, "ext2fs_file_llseek", path: path)
        var written: UInt32 = 0
        let code = libext2fs.ext2fs_file_write(file, bytes.baseAddress, UInt32(bytes.count), &written)
        try filesystem.check(code, "ext2fs_file_write", path: path)
        guard written == bytes.count else {
            throw filesystem.error(errcode_t(EXT2_ET_SHORT_WRITE), "ext2fs_file_write", path: path)
        }
    }

    /// Runs `body`, returning its error instead of throwing it.
    static func result(_ body: () throws(Ext4Error) -> Void) -> Ext4Error? {
        do {
            try body()
            return nil
        } catch {
            return error
        }
    }

    /// Whether every byte is zero, eight at a time.
    static func isZero(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var index = 0
        while index + 8 <= bytes.count {
            if bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self) != 0 { return false }
            index += 8
        }
        while index < bytes.count {
            if bytes[index] != 0 { return false }
            index += 1
        }
        return true
    }
}
