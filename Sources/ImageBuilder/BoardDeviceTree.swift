import Boards
import DeviceTree

/// A board's DTB as the image builder uses it: checked to belong to the board, then patched.
public struct BoardDeviceTree: Sendable {
    public let board: Board
    /// Where the DTB came from, for messages.
    public let file: String
    public private(set) var tree: DeviceTree

    /// Parses `blob` and checks that its root `compatible` lists the board's most specific string,
    /// so an image never ships a device tree for another board.
    /// - Throws: `ImageBuildError.invalidDeviceTree` or `.incompatibleDeviceTree`.
    public init(board: Board, blob: [UInt8], file: String) throws(ImageBuildError) {
        do {
            tree = try DeviceTree(blob: blob)
        } catch {
            throw .invalidDeviceTree(file: file, reason: error.description)
        }
        let expected = board.deviceTree.compatible[0]
        guard tree.compatible.contains(expected) else {
            throw .incompatibleDeviceTree(file: file, board: board.name, expected: expected, found: tree.compatible)
        }
        self.board = board
        self.file = file
    }

    /// Sets `/chosen/bootargs`, the command line for boot paths that pass the DTB unchanged.
    /// - Throws: `ImageBuildError.invalidDeviceTree` when libfdt cannot edit the tree.
    public mutating func setBootargs(_ arguments: String) throws(ImageBuildError) {
        do {
            try tree.setString("bootargs", at: "/chosen", to: arguments)
        } catch {
            throw .invalidDeviceTree(file: file, reason: error.description)
        }
    }
}
