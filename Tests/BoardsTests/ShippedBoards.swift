import Foundation

/// The board files in the repository's `boards/`, read through `#filePath`.
enum ShippedBoards {
    static let directory: String = {
        var path = #filePath
        for _ in 0..<3 { path = (path as NSString).deletingLastPathComponent }
        return "\(path)/boards"
    }()

    static func text(_ name: String) throws -> String {
        try String(contentsOfFile: "\(directory)/\(name).toml", encoding: .utf8)
    }
}
