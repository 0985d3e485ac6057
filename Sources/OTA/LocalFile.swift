#if canImport(Glibc)
import Glibc
#endif
import LocalFiles

/// Small whole-file operations on local paths, each failure an `OTAError.io` naming the path.
enum LocalFile {
    /// Runs a system call until it does not fail with EINTR.
    static func retrying<R: SignedInteger>(_ path: String, _ operation: String, _ call: () -> R) throws(OTAError) -> R {
        do { return try LocalFiles.retrying(path, operation, call) } catch { throw OTAError(error) }
    }

    /// The whole contents of `path`, refusing files above `limit` bytes.
    static func read(_ path: String, limit: Int = 16 << 20) throws(OTAError) -> [UInt8] {
        do { return try LocalFiles.read(path, limit: limit) } catch { throw OTAError(error) }
    }

    static func text(_ path: String) throws(OTAError) -> String {
        String(decoding: try read(path), as: UTF8.self)
    }

    /// Writes all of `bytes` to `descriptor`.
    static func write(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer, path: String) throws(OTAError) {
        do { try LocalFiles.write(bytes, to: descriptor, path: path) } catch { throw OTAError(error) }
    }

    /// Replaces `path` with `bytes` so a reader sees the old or the new file, never a mix.
    static func replace(_ path: String, with bytes: [UInt8], mode: mode_t = 0o644) throws(OTAError) {
        do { try LocalFiles.replace(path, with: bytes, mode: mode) } catch { throw OTAError(error) }
    }

    /// Creates `path` with `bytes`, failing if it exists (never overwrites a key).
    static func createExclusively(_ path: String, with bytes: [UInt8], mode: mode_t) throws(OTAError) {
        let descriptor = try retrying(path, "create") { open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode) }
        defer { close(descriptor) }
        do {
            try bytes.withBytes { (raw) throws(OTAError) in try write(descriptor, raw, path: path) }
            _ = try retrying(path, "fsync") { fsync(descriptor) }
        } catch {
            unlink(path)
            throw error
        }
    }

    /// Makes a rename durable; a directory that cannot be opened only loses that guarantee.
    static func syncDirectory(of path: String) { LocalFiles.syncDirectory(of: path) }

    static func exists(_ path: String) -> Bool { access(path, F_OK) == 0 }

    static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// Names in a directory, sorted.
    static func entries(_ path: String) throws(OTAError) -> [String] {
        do { return try LocalFiles.entries(path) } catch { throw OTAError(error) }
    }
}

extension OTAError {
    /// A file operation's failure as OTA reports it.
    init(_ error: FileError) {
        self = .io(path: error.path, operation: error.operation, errno: error.errno)
    }
}

extension Array where Element == UInt8 {
    /// `withUnsafeBytes` for a body that throws `OTAError` (the standard one only rethrows untyped errors).
    func withBytes<R>(_ body: (UnsafeRawBufferPointer) throws(OTAError) -> R) throws(OTAError) -> R {
        try withUnsafeBytes { raw in Result { () throws(OTAError) -> R in try body(raw) } }.get()
    }

    /// `withUnsafeMutableBytes` for a body that throws `OTAError`.
    mutating func withMutableBytes<R>(_ body: (UnsafeMutableRawBufferPointer) throws(OTAError) -> R) throws(OTAError) -> R {
        try withUnsafeMutableBytes { raw in Result { () throws(OTAError) -> R in try body(raw) } }.get()
    }
}
