#if canImport(Glibc)
import Glibc
#endif

/// Small whole-file operations on local paths, each failure an `OTAError.io` naming the path.
enum LocalFile {
    /// Runs a system call until it does not fail with EINTR.
    static func retrying<R: SignedInteger>(_ path: String, _ operation: String, _ call: () -> R) throws(OTAError) -> R {
        while true {
            let result = call()
            if result >= 0 { return result }
            if errno != EINTR { throw .io(path: path, operation: operation, errno: errno) }
        }
    }

    /// The whole contents of `path`, refusing files above `limit` bytes.
    static func read(_ path: String, limit: Int = 16 << 20) throws(OTAError) -> [UInt8] {
        let descriptor = try retrying(path, "open") { open(path, O_RDONLY | O_CLOEXEC) }
        defer { close(descriptor) }
        var contents: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let got = try buffer.withMutableBytes { (raw) throws(OTAError) in
                try retrying(path, "read") { Glibc.read(descriptor, raw.baseAddress!, raw.count) }
            }
            if got == 0 { return contents }
            contents += buffer[..<got]
            guard contents.count <= limit else { throw .io(path: path, operation: "read (larger than \(limit) bytes)", errno: EFBIG) }
        }
    }

    static func text(_ path: String) throws(OTAError) -> String {
        String(decoding: try read(path), as: UTF8.self)
    }

    /// Writes all of `bytes` to `descriptor`.
    static func write(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer, path: String) throws(OTAError) {
        var done = 0
        while done < bytes.count {
            done += try retrying(path, "write") { Glibc.write(descriptor, bytes.baseAddress! + done, bytes.count - done) }
        }
    }

    /// Replaces `path` with `bytes` so a reader sees the old or the new file, never a mix: a temporary file
    /// beside it, fsync, rename, fsync of the directory.
    static func replace(_ path: String, with bytes: [UInt8], mode: mode_t = 0o644) throws(OTAError) {
        let temporary = "\(path).tmp.\(getpid())"
        let descriptor = try retrying(temporary, "create") { open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode) }
        do {
            defer { close(descriptor) }
            try bytes.withBytes { (raw) throws(OTAError) in try write(descriptor, raw, path: temporary) }
            _ = try retrying(temporary, "fsync") { fsync(descriptor) }
            _ = try retrying(path, "rename") { rename(temporary, path) }
        } catch {
            unlink(temporary)
            throw error
        }
        syncDirectory(of: path)
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
    static func syncDirectory(of path: String) {
        let directory = path.contains("/") ? String(path[..<path.lastIndex(of: "/")!]) : "."
        let descriptor = open(directory.isEmpty ? "/" : directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if descriptor >= 0 { fsync(descriptor); close(descriptor) }
    }

    static func exists(_ path: String) -> Bool { access(path, F_OK) == 0 }

    static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// Names in a directory, sorted.
    static func entries(_ path: String) throws(OTAError) -> [String] {
        guard let directory = opendir(path) else { throw .io(path: path, operation: "opendir", errno: errno) }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
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
