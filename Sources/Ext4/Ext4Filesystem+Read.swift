import CLibext2fs

// Reading back what was written, e.g. the kernel modules an initramfs is built from.
extension Ext4Filesystem {
    /// The whole contents of the regular file at `path`; symlinks inside the filesystem are followed.
    ///
    /// Throws `Ext4Error.notFound`, `.invalidPath` when it is not a regular file, `.library` when
    /// reading fails. Wraps `ext2fs_file_read`.
    public func contents(ofFile path: String) throws(Ext4Error) -> [UInt8] {
        let fs = try open()
        let number = try resolve(path)
        var inode = ext2_inode_large()
        try check(Ext4Inode.read(libext2fs, fs, number, &inode), "ext2fs_read_inode_full", path: path)
        guard inode.i_mode & Ext4Inode.typeMask == Ext4Inode.regular else {
            throw .invalidPath(path: path, reason: "is not a regular file")
        }
        var file: ext2_file_t?
        try check(libext2fs.ext2fs_file_open(fs, number, 0, &file), "ext2fs_file_open", path: path)
        defer { _ = libext2fs.ext2fs_file_close(file) }  // opened read-only: closing writes nothing
        var size: UInt64 = 0
        try check(libext2fs.ext2fs_file_get_lsize(file, &size), "ext2fs_file_get_lsize", path: path)
        var result = [UInt8](repeating: 0, count: Int(size))
        var code: errcode_t = 0
        result.withUnsafeMutableBytes { buffer in
            var done = 0
            while done < buffer.count, code == 0 {
                var got: UInt32 = 0
                let chunk = UInt32(min(buffer.count - done, 1 << 20))
                code = libext2fs.ext2fs_file_read(file, buffer.baseAddress! + done, chunk, &got)
                if got == 0 { break }
                done += Int(got)
            }
        }
        try check(code, "ext2fs_file_read", path: path)
        return result
    }

    /// The names in the directory at `path`, sorted, without `.` and `..`.
    ///
    /// Throws `Ext4Error.notFound`, `.invalidPath` when it is not a directory.
    /// Wraps `ext2fs_dir_iterate2`.
    public func directoryEntries(at path: String) throws(Ext4Error) -> [String] {
        let fs = try open()
        let number = try resolve(path)
        let names = DirectoryNames(libext2fs)
        let context = Unmanaged.passUnretained(names).toOpaque()
        let code = libext2fs.ext2fs_dir_iterate2(fs, number, 0, nil, { _, _, entry, _, _, _, context in
            guard let entry, let context else { return 0 }
            let names = Unmanaged<DirectoryNames>.fromOpaque(context).takeUnretainedValue()
            let length = Int(names.libext2fs.ext2fs_dirent_name_len(entry))
            let start = UnsafeRawPointer(entry) + MemoryLayout<ext2_dir_entry>.offset(of: \ext2_dir_entry.name)!
            let name = String(decoding: UnsafeRawBufferPointer(start: start, count: length), as: UTF8.self)
            if name != "." && name != ".." { names.names.append(name) }
            return 0
        }, context)
        withExtendedLifetime(names) {}
        if code == EXT2_ET_NO_DIRECTORY { throw .invalidPath(path: path, reason: "is not a directory") }
        try check(code, "ext2fs_dir_iterate2", path: path)
        return names.names.sorted()
    }

    /// Whether anything exists at `path` (symlinks followed, so a dangling one does not count).
    ///
    /// Throws `Ext4Error.invalidPath` for a malformed path, `.library` when a lookup fails.
    public func fileExists(_ path: String) throws(Ext4Error) -> Bool {
        do {
            _ = try resolve(path)
            return true
        } catch .notFound {
            return false
        }
    }

    /// The inode at `path`, following symlinks within the filesystem. Wraps `ext2fs_namei_follow`.
    func resolve(_ path: String) throws(Ext4Error) -> ext2_ino_t {
        let fs = try open()
        let normalized = try Ext4Path.normalize(path)
        let root = ino(EXT2_ROOT_INO)
        guard !normalized.isEmpty else { return root }
        var number: ext2_ino_t = 0
        let code = libext2fs.ext2fs_namei_follow(fs, root, root, "/" + normalized, &number)
        if code == EXT2_ET_FILE_NOT_FOUND || code == errcode_t(ENOENT) || code == EXT2_ET_NO_DIRECTORY {
            throw .notFound(path: path)
        }
        try check(code, "ext2fs_namei_follow", path: path)
        return number
    }
}

/// Collects names from `ext2fs_dir_iterate2`'s C callback, which cannot capture: the context
/// carries the table too, for `ext2fs_dirent_name_len`.
private final class DirectoryNames {
    let libext2fs: Libext2fs
    var names: [String] = []

    init(_ libext2fs: Libext2fs) { self.libext2fs = libext2fs }
}
