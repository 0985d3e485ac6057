import Foundation

/// A fresh temporary directory, removed by `remove()`; tests call it in a `defer`
/// so it goes even when an expectation fails.
struct Scratch {
    let path: String

    init() throws {
        var template = Array((URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("kiln-archive-XXXXXX").path).utf8CString)
        guard let made = mkdtemp(&template) else {
            throw CocoaError(.fileWriteUnknown, userInfo: ["errno": errno])
        }
        path = String(cString: made)
    }

    /// Path of `name` inside the directory.
    func file(_ name: String) -> String { path + "/" + name }

    /// Names of everything directly inside the directory.
    func contents() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: path).sorted()
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}
