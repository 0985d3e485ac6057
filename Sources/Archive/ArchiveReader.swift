import CLibarchiveLoader

/// Reads an archive entry by entry, in any format and compression libarchive knows
/// (tar, pax, cpio, ...; gzip, xz, zstd, ...), detected from the content.
///
/// Not `Sendable`: a libarchive handle is a cursor that must not be shared across threads.
public final class ArchiveReader {
    /// How errors name this archive: its path, or the name given for an in-memory buffer.
    public let name: String
    private let libarchive: Libarchive
    private let handle: OpaquePointer
    /// Our copy of in-memory input; libarchive reads it lazily until the handle is freed.
    private let buffer: UnsafeMutableRawBufferPointer?
    /// The entry whose data the next data read returns.
    private var current: ArchiveEntry?

    private init(_ libarchive: Libarchive, handle: OpaquePointer, name: String, buffer: UnsafeMutableRawBufferPointer?) {
        self.libarchive = libarchive
        self.handle = handle
        self.name = name
        self.buffer = buffer
    }

    /// Opens the archive file at `path`.
    ///
    /// Throws `ArchiveError.library` naming `path` when it cannot be opened or is no archive.
    /// Wraps `archive_read_open_filename`.
    public convenience init(path: String) throws {
        let libarchive = try Libarchive.load(for: path)
        let handle = try Self.open(libarchive, name: path) { libarchive.archive_read_open_filename($0, path, 64 * 1024) }
        self.init(libarchive, handle: handle, name: path, buffer: nil)
    }

    /// Opens an archive held in memory; the bytes are copied, so the caller may drop them.
    ///
    /// Throws `ArchiveError.library` naming `name` when the bytes are no archive.
    /// Wraps `archive_read_open_memory`.
    public convenience init(bytes: some Collection<UInt8>, name: String = "<memory>") throws {
        let libarchive = try Libarchive.load(for: name)
        let count = bytes.count
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(count, 1), alignment: 1)
        buffer.copyBytes(from: bytes)
        let handle: OpaquePointer
        do {
            handle = try Self.open(libarchive, name: name) {
                libarchive.archive_read_open_memory($0, buffer.baseAddress, count)
            }
        } catch {
            buffer.deallocate()
            throw error
        }
        self.init(libarchive, handle: handle, name: name, buffer: buffer)
    }

    deinit {
        UTF8Locale.runIfAvailable { _ = libarchive.archive_read_free(handle) }
        buffer?.deallocate()
    }

    /// Creates a handle accepting every format and filter and opens it with `open`.
    private static func open(_ libarchive: Libarchive, name: String,
                             _ open: @escaping (OpaquePointer) -> Int32) throws -> OpaquePointer {
        try UTF8Locale.run {
            guard let handle = libarchive.archive_read_new() else {
                throw ArchiveError.outOfMemory(operation: "archive_read_new", archive: name, entry: nil)
            }
            let steps: [(String, (OpaquePointer) -> Int32)] = [
                ("archive_read_support_format_all", libarchive.archive_read_support_format_all),
                ("archive_read_support_filter_all", libarchive.archive_read_support_filter_all),
                ("archive_read_open", open),
            ]
            for (operation, step) in steps where step(handle) != ARCHIVE_OK {
                let error = ArchiveError(libarchive, handle: handle, operation: operation, archive: name, entry: nil)
                _ = libarchive.archive_read_free(handle)
                throw error
            }
            return handle
        }
    }

    /// Advances to the next entry and returns its header, or `nil` at the end of the archive.
    ///
    /// Unread data of the previous entry is skipped. Throws `ArchiveError.library` for a corrupt or
    /// truncated archive (naming the last good entry) and `.invalidEntry` for a header Kiln cannot
    /// represent faithfully. Wraps `archive_read_next_header`.
    public func next() throws -> ArchiveEntry? {
        let previous = current?.path
        current = nil
        return try UTF8Locale.run {
            var native: OpaquePointer?
            let status = libarchive.archive_read_next_header(handle, &native)
            if status == ARCHIVE_EOF { return nil }
            // ARCHIVE_WARN also lands here: it means libarchive altered or dropped part of the
            // header, and a root filesystem built from a guessed header would be wrong.
            guard status == ARCHIVE_OK, let native else {
                throw ArchiveError(libarchive, handle: handle, operation: "archive_read_next_header",
                                   archive: name, entry: previous)
            }
            let entry = try ArchiveEntry(native: native, libarchive, archive: name)
            current = entry
            return entry
        }
    }

    /// Hands the current entry's data to `body` block by block, at the offsets they belong to.
    ///
    /// Holes in sparse files are skipped, so offsets can jump ahead; bytes between blocks are zero.
    /// Throws `ArchiveError.misuse` before the first `next()`, `.library` for corrupt data, and
    /// whatever `body` throws. Wraps `archive_read_data_block`.
    public func readDataBlocks(_ body: (_ offset: Int64, _ bytes: UnsafeRawBufferPointer) throws -> Void) throws {
        guard let entry = current else {
            throw ArchiveError.misuse(archive: name, reason: "data read with no current entry")
        }
        while true {
            var block: UnsafeRawPointer?
            var size = 0
            var offset: la_int64_t = 0
            let status = try UTF8Locale.run { libarchive.archive_read_data_block(handle, &block, &size, &offset) }
            if status == ARCHIVE_EOF { return }
            guard status == ARCHIVE_OK else {
                throw ArchiveError(libarchive, handle: handle, operation: "archive_read_data_block",
                                   archive: name, entry: entry.path)
            }
            try body(offset, UnsafeRawBufferPointer(start: block, count: size))
        }
    }

    /// Returns the current entry's whole data, with holes filled with zeros; for entries that fit
    /// in memory (it allocates the declared size up front). Use `readDataBlocks` for large files.
    ///
    /// Throws what `readDataBlocks` throws. Wraps `archive_read_data_block`.
    public func readAllData() throws -> [UInt8] {
        // Start zero-filled at the declared size: holes, including a trailing one that produces
        // no block at all, are then already in place.
        var data = [UInt8](repeating: 0, count: Int(max(current?.size ?? 0, 0)))
        try readDataBlocks { offset, bytes in
            let start = Int(offset)
            let end = start + bytes.count
            if data.count < end { data.append(contentsOf: repeatElement(0, count: end - data.count)) }
            data.withUnsafeMutableBytes { whole in
                UnsafeMutableRawBufferPointer(rebasing: whole[start..<end]).copyMemory(from: bytes)
            }
        }
        return data
    }
}
