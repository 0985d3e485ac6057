import Foundation

/// Paths inside this source tree, found from this file's location.
public enum Repository {
    /// The repository root (this file is `Tests/KilnTestSupport/Repository.swift`).
    public static let root: String = {
        var path = #filePath
        for _ in 0..<3 { path = (path as NSString).deletingLastPathComponent }
        return path
    }()

    /// The shipped board definitions.
    public static var boards: String { "\(root)/boards" }
}
