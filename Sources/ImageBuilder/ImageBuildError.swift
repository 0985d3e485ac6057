import Glibc

/// Why an image cannot be built from the given inputs; each case names the file, option or partition.
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
    /// The board needs an input the command line did not give.
    case missingInput(option: String, reason: String)
    /// An input file given (or found through an input directory) cannot be used.
    case invalidInput(option: String, path: String, reason: String)
    /// A bootloader blob does not fit the region the board reserves for it.
    case blobTooLarge(file: String, size: UInt64, offset: UInt64, maxSize: UInt64)
    /// The U-Boot environment cannot be made.
    case environment(reason: String)
    /// The FAT boot partition cannot be made.
    case bootPartition(FATError)
    /// An ext4 partition cannot be made or filled.
    case filesystem(partition: String, reason: String)
    /// Kiln's initramfs cannot be made.
    case initramfs(reason: String)

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
        case .missingInput(let option, let reason):
            return "\(option) is required: \(reason)"
        case .invalidInput(let option, let path, let reason):
            return "\(option) \(path): \(reason)"
        case .blobTooLarge(let file, let size, let offset, let maxSize):
            return "\(file): \(size) bytes do not fit the \(maxSize) bytes the board reserves for it at \(offset)"
        case .environment(let reason):
            return "U-Boot environment: \(reason)"
        case .bootPartition(let error):
            return "boot partition: \(error)"
        case .filesystem(let partition, let reason):
            return "partition '\(partition)': \(reason)"
        case .initramfs(let reason):
            return "initramfs: \(reason)"
        }
    }

    static func message(_ errno: Int32) -> String { String(cString: strerror(errno)) }
}
