import Glibc

/// The file being written by `LocalFiles.replace(_:mode:durable:writing:)`.
public struct FileOutput: ~Copyable {
    let descriptor: Int32
    /// The temporary file's path, for errors.
    let path: String

    /// Writes all of `bytes`. (`write`)
    /// - Throws: `FileError`.
    public func write(_ bytes: UnsafeRawBufferPointer) throws(FileError) {
        try LocalFiles.write(bytes, to: descriptor, path: path)
    }

    /// Writes all of `bytes`. (`write`)
    /// - Throws: `FileError`.
    public func write(_ bytes: [UInt8]) throws(FileError) {
        try bytes.withUnsafeBytes { raw in Result { () throws(FileError) in try write(raw) } }.get()
    }
}
