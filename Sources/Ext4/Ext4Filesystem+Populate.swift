#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import Archive
import CLibext2fs

extension Ext4Filesystem {
    /// Writes every entry of `source` (a tar in any compression, or a directory tree) into the
    /// filesystem, with owners, modes, times, device numbers and xattrs from the headers only.
    ///
    /// `progress` receives the data bytes consumed so far after each entry. Throws
    /// `Ext4Error.archive` for a corrupt archive (naming the entry), `.noSpace` naming the entry
    /// being written, `.invalidPath` for `..` or a link to nothing, `.library` otherwise.
    public func populate(from source: some ArchiveEntrySource, progress: ((UInt64) -> Void)? = nil) throws(Ext4Error) {
        var consumed: UInt64 = 0
        while let entry = try Self.next(source) {
            let path = try Ext4Path.normalize(entry.path)
            let metadata = Ext4Metadata(
                permissions: UInt16(truncatingIfNeeded: entry.permissions), uid: entry.uid, gid: entry.gid,
                seconds: entry.modificationTime.seconds,
                nanoseconds: UInt32(clamping: entry.modificationTime.nanoseconds))
            let number = try place(path, kind: entry.kind, metadata: metadata, xattrs: entry.xattrs)
            if entry.kind == .regular, let number {
                let writer = try Ext4FileWriter(filesystem: self, inode: number, path: path, size: UInt64(entry.size))
                try Self.copyData(of: source, into: writer)
                try writer.finish()
            }
            consumed += UInt64(max(entry.size, 0))
            progress?(consumed)
        }
    }

    private static func next(_ source: some ArchiveEntrySource) throws(Ext4Error) -> ArchiveEntry? {
        do {
            return try source.next()
        } catch {
            throw wrap(error, source: source)
        }
    }

    private static func copyData(of source: some ArchiveEntrySource, into writer: Ext4FileWriter) throws(Ext4Error) {
        do {
            try source.readDataBlocks { offset, bytes in try writer.write(at: UInt64(offset), bytes) }
        } catch {
            throw wrap(error, source: source)
        }
    }

    /// Our own errors pass through; the archive's become `.archive`.
    private static func wrap(_ error: any Error, source: some ArchiveEntrySource) -> Ext4Error {
        if let error = error as? Ext4Error { return error }
        if let error = error as? ArchiveError { return .archive(error) }
        return .archive(.misuse(archive: source.name, reason: String(describing: error)))
    }

    /// Creates a directory (and missing parents) or updates an existing one's metadata.
    ///
    /// `mtime` defaults to the filesystem's timestamp. Throws `Ext4Error.invalidPath` when a
    /// non-directory is in the way, `.noSpace` when full.
    public func addDirectory(_ path: String, mode: UInt16 = 0o755, uid: UInt32 = 0, gid: UInt32 = 0,
                             mtime: Int64? = nil) throws(Ext4Error) {
        let metadata = Ext4Metadata(permissions: mode, uid: uid, gid: gid, seconds: mtime ?? parameters.timestamp)
        _ = try place(try Ext4Path.normalize(path), kind: .directory, metadata: metadata, xattrs: [])
    }

    /// Writes a regular file with `contents`, replacing whatever was at `path`; missing parent
    /// directories are created root-owned 0755.
    ///
    /// Throws `Ext4Error.noSpace` naming `path` when full, `.invalidPath` for a bad path.
    public func addFile(_ path: String, contents: [UInt8], mode: UInt16 = 0o644, uid: UInt32 = 0, gid: UInt32 = 0,
                        mtime: Int64? = nil) throws(Ext4Error) {
        let writer = try startFile(path, size: UInt64(contents.count), mode: mode, uid: uid, gid: gid, mtime: mtime)
        let failure = contents.withUnsafeBytes { bytes in
            Ext4FileWriter.result { () throws(Ext4Error) in try writer.write(at: 0, bytes) }
        }
        if let failure { throw failure }
        try writer.finish()
    }

    /// Copies the file at `sourcePath` (outside the filesystem) to `path`, streaming it in
    /// 1 MiB pieces so a large kernel is never held in memory.
    ///
    /// Throws `Ext4Error.source` when the source cannot be read, and what `addFile` throws.
    public func addFile(_ path: String, copying sourcePath: String, mode: UInt16 = 0o644, uid: UInt32 = 0,
                        gid: UInt32 = 0, mtime: Int64? = nil) throws(Ext4Error) {
        let descriptor = Glibc.open(sourcePath, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .source(path: sourcePath, errno: errno) }
        defer { Glibc.close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw .source(path: sourcePath, errno: errno) }
        let writer = try startFile(path, size: UInt64(status.st_size), mode: mode, uid: uid, gid: gid, mtime: mtime)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { buffer.deallocate() }
        var offset: UInt64 = 0
        while true {
            let count = Glibc.read(descriptor, buffer.baseAddress, buffer.count)
            if count < 0, errno == EINTR { continue }
            guard count >= 0 else { throw .source(path: sourcePath, errno: errno) }
            if count == 0 { break }
            try writer.write(at: offset, UnsafeRawBufferPointer(rebasing: buffer[..<count]))
            offset += UInt64(count)
        }
        try writer.finish()
    }

    private func startFile(_ path: String, size: UInt64, mode: UInt16, uid: UInt32, gid: UInt32,
                           mtime: Int64?) throws(Ext4Error) -> Ext4FileWriter {
        let normalized = try Ext4Path.normalize(path)
        let metadata = Ext4Metadata(permissions: mode, uid: uid, gid: gid, seconds: mtime ?? parameters.timestamp)
        guard let number = try place(normalized, kind: .regular, metadata: metadata, xattrs: []) else {
            throw .invalidPath(path: path, reason: "is not a regular file")
        }
        return try Ext4FileWriter(filesystem: self, inode: number, path: normalized, size: size)
    }
}
