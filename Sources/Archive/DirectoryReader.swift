#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import CLibarchiveLoader

/// Reads a directory tree as archive entries, paths relative to its root, in sorted name order
/// (depth first) so the same tree always gives the same sequence; symlinks are not followed.
///
/// libarchive's own tree walk returns `readdir` order, which depends on the filesystem, so the
/// walk is ours and libarchive only turns each `lstat` result (plus xattrs) into an entry.
/// Not `Sendable`: it is a cursor.
public final class DirectoryReader: ArchiveEntrySource {
    /// The root directory; names it in errors.
    public let name: String
    private let libarchive: Libarchive
    private let disk: OpaquePointer
    /// Paths relative to the root still to visit, the next one last.
    private var pending: [String] = [""]
    /// The first path seen for each (device, inode) with more than one link.
    private var linked: [FileIdentity: String] = [:]
    /// The current entry's path on disk when it is a regular file with data.
    private var currentData: (path: String, entry: String)?

    private struct FileIdentity: Hashable {
        let device: UInt64
        let inode: UInt64
    }

    /// Prepares to walk `path`.
    ///
    /// Throws `ArchiveError.library` when it is not a directory or libarchive cannot start.
    /// Wraps `archive_read_disk_new`.
    public init(path: String) throws {
        var status = stat()
        guard lstat(path, &status) == 0, status.st_mode & S_IFMT == S_IFDIR else {
            throw ArchiveError.library(operation: "lstat", archive: path, entry: nil,
                                       message: "not a directory", errno: errno == 0 ? ENOTDIR : errno)
        }
        let libarchive = try Libarchive.load(for: path)
        guard let disk = libarchive.archive_read_disk_new() else {
            throw ArchiveError.outOfMemory(operation: "archive_read_disk_new", archive: path, entry: nil)
        }
        self.name = path
        self.libarchive = libarchive
        self.disk = disk
    }

    deinit {
        UTF8Locale.runIfAvailable { _ = libarchive.archive_read_free(disk) }
    }

    /// The next entry (the root first, as `./`), or `nil` when the tree is done.
    ///
    /// Throws `ArchiveError.library` naming the path when it cannot be examined or listed.
    /// Wraps `archive_read_disk_entry_from_file`.
    public func next() throws -> ArchiveEntry? {
        currentData = nil
        guard let relative = pending.popLast() else { return nil }
        let full = relative.isEmpty ? name : name + "/" + relative
        var status = stat()
        guard lstat(full, &status) == 0 else { throw failure("lstat", relative, errno) }
        var entry = try describe(full: full, relative: relative, status: &status)
        if status.st_mode & S_IFMT == S_IFDIR {
            pending += try children(of: full, relative: relative).reversed()
        } else if status.st_nlink > 1 {
            let identity = FileIdentity(device: UInt64(status.st_dev), inode: UInt64(status.st_ino))
            if let first = linked[identity] {
                entry.kind = .hardlink(target: first)
                entry.size = 0
            } else {
                linked[identity] = entry.path
            }
        }
        if entry.kind == .regular { currentData = (full, entry.path) }
        return entry
    }

    private func describe(full: String, relative: String, status: inout stat) throws -> ArchiveEntry {
        try UTF8Locale.run {
            guard let native = libarchive.archive_entry_new() else {
                throw ArchiveError.outOfMemory(operation: "archive_entry_new", archive: name, entry: relative)
            }
            defer { libarchive.archive_entry_free(native) }
            libarchive.archive_entry_copy_sourcepath(native, full)
            libarchive.archive_entry_set_pathname_utf8(native, relative.isEmpty ? "./" : relative)
            // ARCHIVE_WARN means an xattr or ACL could not be read: the entry would be incomplete.
            guard libarchive.archive_read_disk_entry_from_file(disk, native, -1, &status) == ARCHIVE_OK else {
                throw ArchiveError(libarchive, handle: disk, operation: "archive_read_disk_entry_from_file",
                                   archive: name, entry: relative)
            }
            return try ArchiveEntry(native: native, libarchive, archive: name)
        }
    }

    /// The names in `full`, sorted by their bytes, as paths relative to the root.
    private func children(of full: String, relative: String) throws -> [String] {
        guard let directory = opendir(full) else { throw failure("opendir", relative, errno) }
        defer { closedir(directory) }
        var names: [String] = []
        while let item = readdir(directory) {
            let name = withUnsafeBytes(of: item.pointee.d_name) { raw in
                String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            .map { relative.isEmpty ? $0 : relative + "/" + $0 }
    }

    /// Hands the current regular file's data to `body` in 64 KiB blocks.
    ///
    /// Throws `ArchiveError.misuse` when the current entry has no data, `.library` when the file
    /// cannot be read, and what `body` throws. Wraps `read`.
    public func readDataBlocks(_ body: (_ offset: Int64, _ bytes: UnsafeRawBufferPointer) throws -> Void) throws {
        guard let (full, relative) = currentData else {
            throw ArchiveError.misuse(archive: name, reason: "data read with no current regular file")
        }
        currentData = nil
        let descriptor = open(full, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard descriptor >= 0 else { throw failure("open", relative, errno) }
        defer { close(descriptor) }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 << 10, alignment: 16)
        defer { buffer.deallocate() }
        var offset: Int64 = 0
        while true {
            let count = read(descriptor, buffer.baseAddress, buffer.count)
            if count < 0, errno == EINTR { continue }
            guard count >= 0 else { throw failure("read", relative, errno) }
            if count == 0 { return }
            try body(offset, UnsafeRawBufferPointer(rebasing: buffer[..<count]))
            offset += Int64(count)
        }
    }

    private func failure(_ operation: String, _ relative: String, _ code: Int32) -> ArchiveError {
        .library(operation: operation, archive: name, entry: relative.isEmpty ? "./" : relative,
                 message: String(cString: strerror(code)), errno: code)
    }
}
