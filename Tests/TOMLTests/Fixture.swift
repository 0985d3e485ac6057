import Foundation

/// The TOML documents under `Fixtures/`, shared by this test target and the tomllib oracle.
enum Fixture {
    /// `Fixtures/`, found from this source file because `swift test` runs from the package root
    /// and the files are not bundled as resources.
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    /// Names such as `valid/arrays.toml` of every document in `valid` or `invalid`.
    static func names(_ kind: String) -> [String] {
        let folder = directory.appendingPathComponent(kind)
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return files.filter { $0.hasSuffix(".toml") }.sorted().map { "\(kind)/\($0)" }
    }

    /// The document's text, byte for byte (CRLF and control characters included).
    static func text(_ name: String) throws -> String {
        let data = try Data(contentsOf: directory.appendingPathComponent(name))
        return String(decoding: data, as: UTF8.self)
    }
}
