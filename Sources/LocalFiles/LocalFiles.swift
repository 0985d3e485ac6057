import CLocalFiles
import Glibc

/// Whole local files through read(2)/write(2): the one place Kiln's modules read a file into
/// bytes, replace a file atomically, or list a directory, without `Data` copies (a 100,000-line
/// set file or an 800 KB range cache is read at the peak of a router apply).
public enum LocalFiles {
    /// Runs a system call (negative on failure, errno set) until it does not fail with EINTR.
    /// - Throws: `FileError` naming `path` and `operation`.
    public static func retrying<R: SignedInteger>(_ path: String, _ operation: String, _ call: () -> R) throws(FileError) -> R {
        while true {
            let result = call()
            if result >= 0 { return result }
            if errno != EINTR { throw FileError(path: path, operation: operation, errno: errno) }
        }
    }

    /// The whole file, in one buffer sized by `fstat`.
    /// - Throws: `FileError` (EFBIG for a file over `limit` bytes). (`open`, `fstat`, `read`)
    public static func read(_ path: String, limit: Int = .max) throws(FileError) -> [UInt8] {
        let input = try FileInput(path)
        var bytes = [UInt8](repeating: 0, count: min(max(input.size, 0), limit) + 1)
        var filled = 0
        while true {
            if filled == bytes.count {
                guard bytes.count <= limit else { throw FileError(path: path, operation: "read (over \(limit) bytes)", errno: EFBIG) }
                bytes += [UInt8](repeating: 0, count: bytes.count)  // the file grew (or is a /proc file)
            }
            let count = try bytes.withUnsafeMutableBytes { raw in
                Result { () throws(FileError) in try input.read(into: UnsafeMutableRawBufferPointer(rebasing: raw[filled...])) }
            }.get()
            if count == 0 { break }
            filled += count
        }
        guard filled <= limit else { throw FileError(path: path, operation: "read (over \(limit) bytes)", errno: EFBIG) }
        bytes.removeLast(bytes.count - filled)
        return bytes
    }

    /// Writes all of `bytes` to `descriptor`; `path` names it in errors. (`write`)
    public static func write(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32, path: String) throws(FileError) {
        var done = 0
        while done < bytes.count {
            done += try retrying(path, "write") { Glibc.write(descriptor, bytes.baseAddress! + done, bytes.count - done) }
        }
    }

    /// Replaces `path` with `bytes` so a reader sees the old or the new file, never a mix.
    /// - Throws: `FileError`, see `replace(_:mode:durable:writing:)`.
    public static func replace(_ path: String, with bytes: [UInt8], mode: mode_t = 0o644,
                               durable: Bool = true) throws(FileError) {
        try replace(path, mode: mode, durable: durable) { (output: borrowing FileOutput) throws(FileError) in try output.write(bytes) }
    }

    /// Replaces `path` with what `body` writes, so a reader sees the old or the new file, never a
    /// mix: a temporary file beside it, fsync, rename, fsync of the directory. The temporary file
    /// is removed when a step fails. Without `durable` the fsyncs are skipped, for state that does
    /// not outlive a reboot anyway (under /run), and the file system is not made to write the file
    /// out either (see `putInPlace`). Writing in pieces spares building the contents in memory
    /// first (an 800 KB range cache goes out straight from its arrays).
    /// - Throws: `FileError`. (`open`, `write`, `fsync`, `rename`)
    public static func replace(_ path: String, mode: mode_t = 0o644, durable: Bool = true,
                               writing body: (borrowing FileOutput) throws(FileError) -> Void) throws(FileError) {
        let temporary = "\(path).tmp.\(getpid())"
        let descriptor = try retrying(temporary, "create") { open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode) }
        do {
            defer { close(descriptor) }
            try body(FileOutput(descriptor: descriptor, path: temporary))
            if durable {
                _ = try retrying(temporary, "fsync") { fsync(descriptor) }
                _ = try retrying(path, "rename") { rename(temporary, path) }
            } else {
                try putInPlace(temporary, path)
            }
        } catch {
            unlink(temporary)
            throw error
        }
        if durable { syncDirectory(of: path) }
    }

    /// Puts `temporary` in the place of the regular file `path`, atomically, without the write-out
    /// ext4 starts when a file is renamed over another (`auto_da_alloc`, there so that programs that
    /// skip fsync do not lose data at a power cut). On a board the router's state is on tmpfs
    /// (`/run`), where a rename costs nothing; on a host whose state directory is on ext4 it was a
    /// disk write at every apply. The two names are exchanged (`RENAME_EXCHANGE`), which is as
    /// atomic for readers, and the old contents, now under the temporary name, are removed. A path
    /// that is missing or not a regular file, or any failure to exchange (a file system without it,
    /// a kernel or seccomp filter that refuses `renameat2`), gets a plain rename.
    private static func putInPlace(_ temporary: String, _ path: String) throws(FileError) {
        var status = stat()
        if lstat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG, kiln_rename_exchange(temporary, path) == 0 {
            unlink(temporary)
            return
        }
        _ = try retrying(path, "rename") { rename(temporary, path) }
    }

    /// Makes a rename durable; a directory that cannot be opened only loses that guarantee.
    public static func syncDirectory(of path: String) {
        let directory = path.contains("/") ? String(path[..<path.lastIndex(of: "/")!]) : "."
        let descriptor = open(directory.isEmpty ? "/" : directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if descriptor >= 0 { fsync(descriptor); close(descriptor) }
    }

    /// The names in a directory, without `.` and `..`, sorted. (`opendir`, `readdir`)
    /// - Throws: `FileError`; `isMissing` when the directory does not exist.
    public static func entries(_ path: String) throws(FileError) -> [String] {
        guard let directory = opendir(path) else { throw FileError(path: path, operation: "opendir", errno: errno) }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }
}
