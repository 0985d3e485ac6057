import Glibc

/// A failed file operation: which, on what path, and the system's errno.
public struct FileError: Error, Sendable, Hashable, CustomStringConvertible {
    public var path: String
    /// `open`, `read`, `write`, `fsync`, `rename`, `opendir`, ...
    public var operation: String
    public var errno: Int32

    public init(path: String, operation: String, errno: Int32) {
        self.path = path
        self.operation = operation
        self.errno = errno
    }

    /// The system's words for `errno`.
    public var reason: String { String(cString: strerror(errno)) }

    /// Whether the path (or a directory on it) does not exist.
    public var isMissing: Bool { errno == ENOENT || errno == ENOTDIR }

    public var description: String { "\(operation) \(path): \(reason)" }
}
