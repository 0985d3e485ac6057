import Glibc

/// A file open for reading in pieces, closed when it goes away: for formats read straight into
/// their final arrays rather than through a copy of the whole file.
public struct FileInput: ~Copyable {
    let descriptor: Int32
    /// The file's path, for errors.
    public let path: String

    /// Opens `path` for reading. (`open`)
    /// - Throws: `FileError`; `isMissing` when it does not exist.
    public init(_ path: String) throws(FileError) {
        descriptor = try LocalFiles.retrying(path, "open") { open(path, O_RDONLY | O_CLOEXEC) }
        self.path = path
    }

    deinit { close(descriptor) }

    /// Fills all of `buffer`; `false` when the file ends first. (`read`)
    /// - Throws: `FileError`.
    public func fill(_ buffer: UnsafeMutableRawBufferPointer) throws(FileError) -> Bool {
        var done = 0
        while done < buffer.count {
            let count = try LocalFiles.retrying(path, "read") { read(descriptor, buffer.baseAddress! + done, buffer.count - done) }
            if count == 0 { return false }
            done += count
        }
        return true
    }
}
