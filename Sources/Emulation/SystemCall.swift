import Glibc
import LocalFiles

/// Runs a system call that returns -1 and sets errno on failure, retrying EINTR.
/// - Throws: `EmulationError.system` naming the call and the path it worked on.
@discardableResult
func systemCall<Result: SignedInteger>(_ call: String, _ path: String, _ body: () -> Result) throws(EmulationError) -> Result {
    do { return try LocalFiles.retrying(path, call, body) } catch { throw .system(call: call, path: path, errno: error.errno) }
}

/// Writes `text` to `path` in one write(2), as sysfs/procfs control files want.
/// - Throws: `EmulationError.system` with open(2) or write(2)'s errno.
func writeControl(_ text: String, to path: String) throws(EmulationError) {
    let fd = try systemCall("open", path) { open(path, O_WRONLY | O_CLOEXEC) }
    defer { close(fd) }
    let bytes = Array(text.utf8)
    let written = try systemCall("write", path) { bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) } }
    if written != bytes.count { throw .system(call: "write", path: path, errno: EIO) }
}

/// The contents of a small file, or nil when it does not exist.
/// - Throws: `EmulationError.system` for errors other than ENOENT.
func readSmallFile(_ path: String, limit: Int = 1 << 20) throws(EmulationError) -> [UInt8]? {
    do {
        return try LocalFiles.read(path, limit: limit)
    } catch {
        if error.isMissing { return nil }
        throw .system(call: error.operation, path: path, errno: error.errno)
    }
}

/// The names in a directory (without `.` and `..`), or nil when it does not exist.
/// - Throws: `EmulationError.system` for errors other than ENOENT.
func directoryNames(_ path: String) throws(EmulationError) -> [String]? {
    do {
        return try LocalFiles.entries(path)
    } catch {
        if error.isMissing { return nil }
        throw .system(call: error.operation, path: path, errno: error.errno)
    }
}

/// Creates `path` and its missing parents with `mode`.
/// - Throws: `EmulationError.system` with mkdir(2)'s errno.
func makeDirectories(_ path: String, mode: mode_t = 0o755) throws(EmulationError) {
    var prefix = path.hasPrefix("/") ? "" : "."
    for component in path.split(separator: "/") {
        prefix += "/" + component
        if mkdir(prefix, mode) != 0 && errno != EEXIST { throw .system(call: "mkdir", path: prefix, errno: errno) }
    }
}
