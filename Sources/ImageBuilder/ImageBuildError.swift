import Glibc

/// Why an image cannot be built from the given inputs.
public enum ImageBuildError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The DTB file is not a usable device tree.
    case invalidDeviceTree(file: String, reason: String)
    /// The DTB is for another board: its root `compatible` lacks the board's.
    case incompatibleDeviceTree(file: String, board: String, expected: String, found: [String])
    /// The board's partitions cannot be expressed in its partition table format on this image size.
    case invalidPartitionTable(board: String, reason: String)
    /// A write to a file did not fit: the filesystem holding `path` is full (ENOSPC, EDQUOT or EFBIG).
    case diskFull(path: String, errno: Int32)
    /// A system call on `path` failed with `errno`.
    case io(operation: String, path: String, errno: Int32)
    /// A write would reach past the end the image was created with.
    case writeOutOfBounds(path: String, offset: UInt64, length: UInt64, size: UInt64)
    /// libsodium could not hash (it could not initialise).
    case cryptography(reason: String)

    public var description: String {
        switch self {
        case .invalidDeviceTree(let file, let reason):
            return "\(file): \(reason)"
        case .incompatibleDeviceTree(let file, let board, let expected, let found):
            let list = found.isEmpty ? "no compatible strings" : found.joined(separator: ", ")
            return "\(file): device tree is not for board '\(board)': it lists \(list), not '\(expected)'"
        case .invalidPartitionTable(let board, let reason):
            return "board '\(board)': partition table: \(reason)"
        case .diskFull(let path, let errno):
            return "\(path): disk full (\(Self.message(errno)))"
        case .io(let operation, let path, let errno):
            return "\(path): \(operation): \(Self.message(errno))"
        case .writeOutOfBounds(let path, let offset, let length, let size):
            return "\(path): \(length) bytes at \(offset) reach past the image's \(size) bytes"
        case .cryptography(let reason):
            return reason
        }
    }

    private static func message(_ errno: Int32) -> String { String(cString: strerror(errno)) }
}
