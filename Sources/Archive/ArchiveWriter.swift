import CLibarchiveLoader

/// Writes an archive entry by entry, reproducibly: the bytes depend only on the entries
/// and data given, never on the clock, the user or the process running it.
///
/// Call `finish()` and check it: `deinit` frees the handle but cannot report a failed flush.
/// Not `Sendable`: the handle is a stream that must not be shared across threads.
public final class ArchiveWriter {
    /// How errors name this archive: its path, or a name for a caller's file descriptor.
    public let name: String
    /// The container format being written.
    public let format: ArchiveFormat
    private let libarchive: Libarchive
    private let handle: OpaquePointer
    /// The entry whose data is being written and how many declared bytes are still owed.
    private var open: (path: String, remaining: Int64)?
    private var finished = false

    private init(_ libarchive: Libarchive, handle: OpaquePointer, name: String, format: ArchiveFormat) {
        self.libarchive = libarchive
        self.handle = handle
        self.name = name
        self.format = format
    }

    /// Creates (or truncates) the file at `path` and writes an archive into it.
    ///
    /// Throws `ArchiveError.library` naming `path` when it cannot be created.
    /// Wraps `archive_write_open_filename`.
    public convenience init(path: String, format: ArchiveFormat, filter: ArchiveFilter = .none) throws {
        let libarchive = try Libarchive.load(for: path)
        let handle = try Self.create(libarchive, name: path, format: format, filter: filter) {
            libarchive.archive_write_open_filename($0, path)
        }
        self.init(libarchive, handle: handle, name: path, format: format)
    }

    /// Writes an archive to a file descriptor the caller owns and closes after `finish()`.
    ///
    /// Throws `ArchiveError.library` when libarchive cannot set up the output.
    /// Wraps `archive_write_open_fd`.
    public convenience init(
        fileDescriptor: Int32, format: ArchiveFormat, filter: ArchiveFilter = .none, name: String? = nil
    ) throws {
        let name = name ?? "file descriptor \(fileDescriptor)"
        let libarchive = try Libarchive.load(for: name)
        let handle = try Self.create(libarchive, name: name, format: format, filter: filter) {
            libarchive.archive_write_open_fd($0, fileDescriptor)
        }
        self.init(libarchive, handle: handle, name: name, format: format)
    }

    deinit {
        UTF8Locale.runIfAvailable { _ = libarchive.archive_write_free(handle) }
    }

    private static func create(
        _ libarchive: Libarchive, name: String, format: ArchiveFormat, filter: ArchiveFilter,
        open: @escaping (OpaquePointer) -> Int32
    ) throws -> OpaquePointer {
        try UTF8Locale.run {
            guard let handle = libarchive.archive_write_new() else {
                throw ArchiveError.outOfMemory(operation: "archive_write_new", archive: name, entry: nil)
            }
            let steps = [format.configuration(libarchive)] + filter.configuration(libarchive)
                + [("archive_write_open", open)]
            for (operation, step) in steps where step(handle) != ARCHIVE_OK {
                let error = ArchiveError(libarchive, handle: handle, operation: operation, archive: name, entry: nil)
                _ = libarchive.archive_write_free(handle)
                throw error
            }
            return handle
        }
    }

    /// Writes `entry` and all of its data (`data.count` must equal `entry.size`).
    ///
    /// Throws what `writeHeader` and `writeData` throw, and `.invalidEntry` when data is short.
    public func write(_ entry: ArchiveEntry, data: some Collection<UInt8> = [UInt8]()) throws {
        try writeHeader(entry)
        try writeData(data)
        try closeEntry()
    }

    /// Starts `entry`; its `size` bytes of data follow through `writeData`.
    ///
    /// Throws `ArchiveError.invalidEntry` when the format cannot store the entry as given or the
    /// previous entry's data is short, `.misuse` after `finish()`, `.library` when libarchive
    /// refuses the header. Wraps `archive_write_header`.
    public func writeHeader(_ entry: ArchiveEntry) throws {
        guard !finished else { throw ArchiveError.misuse(archive: name, reason: "header written after finish()") }
        try closeEntry()
        if let reason = format.problem(storing: entry) {
            throw ArchiveError.invalidEntry(archive: name, entry: entry.path, reason: reason)
        }
        try UTF8Locale.run {
            guard let native = libarchive.archive_entry_new() else {
                throw ArchiveError.outOfMemory(operation: "archive_entry_new", archive: name, entry: entry.path)
            }
            defer { libarchive.archive_entry_free(native) }
            entry.populate(native, libarchive)
            // ARCHIVE_WARN counts as failure: libarchive warns when it stored something other
            // than what it was given (e.g. a name it could not convert).
            guard libarchive.archive_write_header(handle, native) == ARCHIVE_OK else {
                throw ArchiveError(libarchive, handle: handle, operation: "archive_write_header",
                                   archive: name, entry: entry.path)
            }
        }
        open = (entry.path, entry.kind == .regular ? entry.size : 0)
    }

    /// Appends data to the entry started by the last `writeHeader`.
    ///
    /// Throws `ArchiveError.invalidEntry` when the data runs past the declared size, `.misuse` with
    /// no entry started, `.library` when the output fails. Wraps `archive_write_data`.
    public func writeData(_ bytes: some Collection<UInt8>) throws {
        let done: Void? = try bytes.withContiguousStorageIfAvailable { try writeData(UnsafeRawBufferPointer($0)) }
        if done == nil { try Array(bytes).withUnsafeBytes { try writeData($0) } }
    }

    /// Appends raw bytes to the entry started by the last `writeHeader`.
    ///
    /// Throws as `writeData(_: some Collection<UInt8>)`. Wraps `archive_write_data`.
    public func writeData(_ bytes: UnsafeRawBufferPointer) throws {
        guard !finished, let current = open else {
            throw ArchiveError.misuse(archive: name, reason: "data written with no entry started")
        }
        guard Int64(bytes.count) <= current.remaining else {
            throw ArchiveError.invalidEntry(
                archive: name, entry: current.path,
                reason: "data runs \(Int64(bytes.count) - current.remaining) bytes past the declared size")
        }
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        let written = try UTF8Locale.run { libarchive.archive_write_data(handle, base, bytes.count) }
        guard written == bytes.count else {
            throw ArchiveError(libarchive, handle: handle, operation: "archive_write_data",
                               archive: name, entry: current.path)
        }
        open = (current.path, current.remaining - Int64(bytes.count))
    }

    /// Writes the archive trailer and flushes everything to the output.
    ///
    /// Throws `ArchiveError.invalidEntry` when the last entry's data is short, `.library` when the
    /// output fails. Calling it again does nothing. Wraps `archive_write_close`.
    public func finish() throws {
        guard !finished else { return }
        try closeEntry()
        finished = true
        try UTF8Locale.run {
            guard libarchive.archive_write_close(handle) == ARCHIVE_OK else {
                throw ArchiveError(libarchive, handle: handle, operation: "archive_write_close",
                                   archive: name, entry: nil)
            }
        }
    }

    /// Checks the open entry got all its data; libarchive would pad it with zeros unasked.
    private func closeEntry() throws {
        guard let current = open else { return }
        open = nil
        guard current.remaining == 0 else {
            throw ArchiveError.invalidEntry(
                archive: name, entry: current.path, reason: "\(current.remaining) bytes of declared data missing")
        }
    }
}
