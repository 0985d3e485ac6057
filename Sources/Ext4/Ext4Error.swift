import Archive

/// Everything that can go wrong formatting, populating or reading an ext4 filesystem.
public enum Ext4Error: Error, Equatable, CustomStringConvertible {
    /// libext2fs's `operation` failed on `path` (inside the filesystem, when known) in `image`.
    /// `code` is the `errcode_t` (an errno or a com_err code); `message` is `error_message(code)`.
    case library(operation: String, image: String, path: String?, code: Int, message: String)
    /// The filesystem ran out of blocks or inodes while `path` was being written.
    case noSpace(image: String, filesystemSize: UInt64, path: String)
    /// A system call on the image file failed.
    case system(operation: String, image: String, errno: Int32)
    /// The parameters cannot describe an ext4 filesystem (size, UUID length, region past the file end).
    case invalidParameters(reason: String)
    /// A path cannot be stored or resolved as given.
    case invalidPath(path: String, reason: String)
    /// Nothing exists at `path` in the filesystem.
    case notFound(path: String)
    /// Reading the archive failed; the archive's own error names the archive and entry.
    case archive(ArchiveError)
    /// A source outside the filesystem (e.g. a file to copy in) could not be read.
    case source(path: String, errno: Int32)
    /// The filesystem was already closed.
    case closed(image: String)

    public var description: String {
        switch self {
        case let .library(operation, image, path, code, message):
            let at = path.map { " while writing \($0)" } ?? ""
            return "\(image)\(at): \(operation) failed: \(message) (error \(code))"
        case let .noSpace(image, size, path):
            return "\(image): no space left in the \(Self.mebibytes(size)) ext4 filesystem while writing \(path)"
        case let .system(operation, image, errno):
            return "\(image): \(operation) failed (errno \(errno))"
        case let .invalidParameters(reason):
            return "invalid ext4 parameters: \(reason)"
        case let .invalidPath(path, reason):
            return "'\(path)': \(reason)"
        case let .notFound(path):
            return "'\(path)': no such file or directory in the ext4 filesystem"
        case let .archive(error):
            return error.description
        case let .source(path, errno):
            return "cannot read \(path) (errno \(errno))"
        case let .closed(image):
            return "\(image): the ext4 filesystem is already closed"
        }
    }

    /// Sizes as people give them to a partition layout: whole MiB when exact, bytes otherwise.
    private static func mebibytes(_ size: UInt64) -> String {
        size % (1 << 20) == 0 ? "\(size >> 20) MiB" : "\(size)-byte"
    }
}
