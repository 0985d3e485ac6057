import Glibc

extension LocalFiles {
    /// Creates `path` and any missing parents, like `mkdir -p`; an existing directory is fine.
    /// - Throws: `FileError` naming the directory that could not be made. (`mkdir`)
    public static func createDirectories(_ path: String, mode: mode_t = 0o755) throws(FileError) {
        if mkdir(path, mode) == 0 || errno == EEXIST && isDirectory(path) { return }
        guard errno == ENOENT, let slash = path.lastIndex(of: "/"), slash != path.startIndex else {
            throw FileError(path: path, operation: "mkdir", errno: errno)
        }
        try createDirectories(String(path[..<slash]), mode: mode)
        if mkdir(path, mode) != 0 && !(errno == EEXIST && isDirectory(path)) {
            throw FileError(path: path, operation: "mkdir", errno: errno)
        }
    }

    /// Whether something exists at `path` (a dangling symlink counts as missing). (`access`)
    public static func exists(_ path: String) -> Bool { access(path, F_OK) == 0 }

    /// Whether `path` is a directory, following symlinks. (`stat`)
    public static func isDirectory(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFDIR
    }

    /// Removes the file at `path`; a missing file is not an error.
    /// - Throws: `FileError`. (`unlink`)
    public static func remove(_ path: String) throws(FileError) {
        if unlink(path) != 0 && errno != ENOENT { throw FileError(path: path, operation: "unlink", errno: errno) }
    }
}
