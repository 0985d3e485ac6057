/// Why an image cannot be built from the given inputs.
public enum ImageBuildError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The DTB file is not a usable device tree.
    case invalidDeviceTree(file: String, reason: String)
    /// The DTB is for another board: its root `compatible` lacks the board's.
    case incompatibleDeviceTree(file: String, board: String, expected: String, found: [String])

    public var description: String {
        switch self {
        case .invalidDeviceTree(let file, let reason):
            return "\(file): \(reason)"
        case .incompatibleDeviceTree(let file, let board, let expected, let found):
            let list = found.isEmpty ? "no compatible strings" : found.joined(separator: ", ")
            return "\(file): device tree is not for board '\(board)': it lists \(list), not '\(expected)'"
        }
    }
}
