import Glibc

/// A file open for reading in pieces, closed when it goes away: for formats read straight into
/// their final arrays rather than through a copy of the whole file.
public struct FileInput: ~Copyable {
    let descriptor: Int32
    /// The file's path, for errors.
    public let path: String

    /// The file's size when it was opened, so a reader can check a length field against it.
    public let size: Int

    /// Opens `path` for reading. (`open`, `fstat`)
    /// - Throws: `FileError`; `isMissing` when it does not exist.
    public init(_ path: String) throws(FileError) {
        let descriptor = try LocalFiles.retrying(path, "open") { open(path, O_RDONLY | O_CLOEXEC) }
        var status = stat()
        if fstat(descriptor, &status) != 0 {
            let error = FileError(path: path, operation: "fstat", errno: errno)
            close(descriptor)
            throw error
        }
        self.descriptor = descriptor
        self.path = path
        size = Int(status.st_size)
    }

    deinit { close(descriptor) }

    /// Reads what is there, up to `buffer.count` bytes; 0 at the end of the file. (`read`)
    /// - Throws: `FileError`.
    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(FileError) -> Int {
        try LocalFiles.retrying(path, "read") { Glibc.read(descriptor, buffer.baseAddress, buffer.count) }
    }

    /// Fills all of `buffer`; `false` when the file ends first. (`read`)
    /// - Throws: `FileError`.
    public func fill(_ buffer: UnsafeMutableRawBufferPointer) throws(FileError) -> Bool {
        var done = 0
        while done < buffer.count {
            let count = try read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[done...]))
            if count == 0 { return false }
            done += count
        }
        return true
    }
}
