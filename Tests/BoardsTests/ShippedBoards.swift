import Foundation
import KilnTestSupport

/// The board files in the repository's `boards/`.
enum ShippedBoards {
    static let directory = Repository.boards

    static func text(_ name: String) throws -> String {
        try String(contentsOfFile: "\(directory)/\(name).toml", encoding: .utf8)
    }
}
