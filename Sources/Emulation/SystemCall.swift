import Glibc

/// Runs a system call that returns -1 and sets errno on failure, retrying EINTR.
/// - Throws: `EmulationError.system` naming the call and the path it worked on.
@discardableResult
func systemCall<Result: BinaryInteger>(_ call: String, _ path: String, _ body: () -> Result) throws(EmulationError) -> Result {
    while true {
        let result = body()
        if result != -1 { return result }
        if errno == EINTR { continue }
        throw .system(call: call, path: path, errno: errno)
    }
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
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    if fd < 0 {
        if errno == ENOENT || errno == ENOTDIR { return nil }
        throw .system(call: "open", path: path, errno: errno)
    }
    defer { close(fd) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65536)
    while bytes.count < limit {
        let count = try systemCall("read", path) { buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) } }
        if count == 0 { break }
        bytes += buffer[0..<count]
    }
    return bytes
}

/// The names in a directory (without `.` and `..`), or nil when it does not exist.
/// - Throws: `EmulationError.system` for errors other than ENOENT.
func directoryNames(_ path: String) throws(EmulationError) -> [String]? {
    guard let directory = opendir(path) else {
        if errno == ENOENT || errno == ENOTDIR { return nil }
        throw .system(call: "opendir", path: path, errno: errno)
    }
    defer { closedir(directory) }
    var names: [String] = []
    while let entry = readdir(directory) {
        let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        if name != "." && name != ".." { names.append(name) }
    }
    return names.sorted()
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
