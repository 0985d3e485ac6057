#if canImport(Glibc)
import Glibc
#endif

/// Why a FAT volume cannot be planned, written or read.
public enum FATError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The volume size is not a whole number of 512-byte sectors.
    case sizeNotSectorMultiple(size: UInt64)
    /// The volume is smaller than the smallest FAT16 volume (Kiln writes no FAT12).
    case volumeTooSmall(size: UInt64, minimum: UInt64)
    /// The volume is larger than FAT32 can describe with 512-byte sectors.
    case volumeTooLarge(size: UInt64)
    /// The volume label is longer than 11 bytes or has characters FAT does not allow.
    case invalidLabel(label: String, reason: String)
    /// A path component is empty, too long, or has a character FAT does not allow.
    case invalidName(path: String, reason: String)
    /// Two entries have names equal when compared case-insensitively, as FAT compares them.
    case duplicateName(path: String, existing: String)
    /// A path goes through a file as if it were a directory.
    case notADirectory(path: String)
    /// The files and metadata need more space than the volume has; `file` is the first one that does not fit.
    case doesNotFit(file: String, bytesOver: UInt64)
    /// A FAT16 root directory holds a fixed number of entries.
    case rootDirectoryFull(entries: Int, capacity: Int)
    /// A source file could not be read (the errno is in `errno`).
    case source(path: String, errno: Int32)
    /// A source file's size changed between planning and writing.
    case sourceChanged(path: String, planned: UInt64, actual: UInt64)
    /// The caller's read or write closure threw.
    case io(operation: String, offset: UInt64, reason: String)
    /// The volume is not a FAT filesystem Kiln can read, or its structures are inconsistent.
    case corrupt(reason: String)
    /// No entry with that path exists on the volume.
    case notFound(path: String)
    /// The path names a directory where a file was expected, or the other way round.
    case wrongKind(path: String, expected: String)
    /// An in-place replacement must keep the file's size, so no cluster is allocated or freed.
    case sizeMismatch(path: String, current: UInt64, replacement: UInt64)

    public var description: String {
        switch self {
        case .sizeNotSectorMultiple(let size):
            return "FAT volume size \(size) is not a multiple of 512 bytes"
        case .volumeTooSmall(let size, let minimum):
            return "FAT volume of \(size) bytes is too small for FAT16 (at least \(minimum) bytes)"
        case .volumeTooLarge(let size):
            return "FAT volume of \(size) bytes is too large for FAT32"
        case .invalidLabel(let label, let reason):
            return "volume label '\(label)': \(reason)"
        case .invalidName(let path, let reason):
            return "\(path): invalid FAT name: \(reason)"
        case .duplicateName(let path, let existing):
            return "\(path): same name as \(existing) (FAT names are case-insensitive)"
        case .notADirectory(let path):
            return "\(path): a parent of this path is a file"
        case .doesNotFit(let file, let bytesOver):
            return "\(file) does not fit: the volume is \(bytesOver) bytes too small"
        case .rootDirectoryFull(let entries, let capacity):
            return "the FAT16 root directory needs \(entries) entries but holds \(capacity)"
        case .source(let path, let errno):
            return "\(path): \(String(cString: strerror(errno)))"
        case .sourceChanged(let path, let planned, let actual):
            return "\(path): size changed from \(planned) to \(actual) bytes while writing"
        case .io(let operation, let offset, let reason):
            return "\(operation) at offset \(offset): \(reason)"
        case .corrupt(let reason):
            return "not a usable FAT volume: \(reason)"
        case .notFound(let path):
            return "\(path): no such file or directory on the FAT volume"
        case .wrongKind(let path, let expected):
            return "\(path): not a \(expected)"
        case .sizeMismatch(let path, let current, let replacement):
            return "\(path): replacement is \(replacement) bytes, the file is \(current); in-place replacement keeps the size"
        }
    }
}
