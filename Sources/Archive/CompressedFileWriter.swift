import CLibarchiveLoader

/// Writes one compressed stream (`image.img.zst`, `image.img.xz`): bytes in, a single compressed file out,
/// with no archive container around them.
///
/// Not `Sendable`: the handle is a stream. Call `finish()` and check it; `deinit` only frees.
public final class CompressedFileWriter {
    public let path: String
    private let libarchive: Libarchive
    private let handle: OpaquePointer
    private var finished = false

    /// Creates (or truncates) `path` for `size` bytes compressed with `filter`.
    ///
    /// Throws `ArchiveError.library` naming `path` when it cannot be set up. Wraps `archive_write_set_format_raw`,
    /// `archive_write_open_filename`, `archive_write_header`.
    public init(path: String, filter: ArchiveFilter, size: Int64) throws {
        self.path = path
        let libarchive = try Libarchive.load(for: path)
        self.libarchive = libarchive
        handle = try UTF8Locale.run {
            guard let handle = libarchive.archive_write_new() else {
                throw ArchiveError.misuse(archive: path, reason: "archive_write_new: out of memory")
            }
            let steps = [("archive_write_set_format_raw", libarchive.archive_write_set_format_raw)]
                + filter.configuration(libarchive)
                + [("archive_write_open_filename", { libarchive.archive_write_open_filename($0, path) })]
            for (operation, step) in steps where step(handle) != ARCHIVE_OK {
                let error = ArchiveError(libarchive, handle: handle, operation: operation, archive: path, entry: nil)
                _ = libarchive.archive_write_free(handle)
                throw error
            }
            return handle
        }
        // The raw format writes the data of exactly one regular-file entry and nothing of its header.
        let entry = libarchive.archive_entry_new()
        defer { libarchive.archive_entry_free(entry) }
        libarchive.archive_entry_set_filetype(entry, UInt32(kiln_ae_ifreg()))
        libarchive.archive_entry_set_size(entry, size)
        libarchive.archive_entry_set_pathname(entry, "data")
        guard libarchive.archive_write_header(handle, entry) == ARCHIVE_OK else {
            throw ArchiveError(libarchive, handle: handle, operation: "archive_write_header", archive: path, entry: nil)
        }
    }

    deinit {
        UTF8Locale.runIfAvailable { _ = libarchive.archive_write_free(handle) }
    }

    /// Compresses and writes `bytes`.
    ///
    /// Throws `ArchiveError.library` when the output fails. Wraps `archive_write_data`.
    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard !bytes.isEmpty else { return }
        guard libarchive.archive_write_data(handle, bytes.baseAddress, bytes.count) == bytes.count else {
            throw ArchiveError(libarchive, handle: handle, operation: "archive_write_data", archive: path, entry: nil)
        }
    }

    /// Flushes the compressor and closes the file.
    ///
    /// Throws `ArchiveError.library` when the output fails. Wraps `archive_write_close`.
    public func finish() throws {
        guard !finished else { return }
        finished = true
        guard libarchive.archive_write_close(handle) == ARCHIVE_OK else {
            throw ArchiveError(libarchive, handle: handle, operation: "archive_write_close", archive: path, entry: nil)
        }
    }
}
