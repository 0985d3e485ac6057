/// Everything that can go wrong reading or writing an archive.
public enum ArchiveError: Error, Equatable, CustomStringConvertible {
    /// libarchive's `operation` failed on `archive` (at `entry`, when known). `message` is
    /// `archive_error_string`; `errno` is `archive_errno`: a system errno, or libarchive's own
    /// -1 (`ARCHIVE_ERRNO_MISC`) for format problems such as truncation.
    case library(operation: String, archive: String, entry: String?, message: String, errno: Int32)
    /// An entry cannot be stored or read faithfully, so Kiln refuses it instead of altering it.
    case invalidEntry(archive: String, entry: String, reason: String)
    /// A call came in the wrong order, e.g. data before a header or a write after `finish()`.
    case misuse(archive: String, reason: String)
    /// The thread-local UTF-8 locale libarchive needs for non-ASCII names could not be created.
    case localeUnavailable(errno: Int32)

    public var description: String {
        switch self {
        case let .library(operation, archive, entry, message, errno):
            let at = entry.map { " at entry '\($0)'" } ?? ""
            return "\(archive)\(at): \(operation) failed: \(message) (errno \(errno))"
        case let .invalidEntry(archive, entry, reason):
            return "\(archive): entry '\(entry)': \(reason)"
        case let .misuse(archive, reason):
            return "\(archive): \(reason)"
        case let .localeUnavailable(errno):
            return "cannot create the C.UTF-8 locale for libarchive (errno \(errno))"
        }
    }
}
