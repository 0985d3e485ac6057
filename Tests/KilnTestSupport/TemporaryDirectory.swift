import Foundation

/// A fresh directory under the system's temporary directory, removed with everything in it on deinit
/// (or earlier by `remove()`, which a `defer` makes independent of how long the optimizer keeps the object).
public final class TemporaryDirectory {
    public let path: String

    public init(prefix: String = "kiln-test") throws {
        var template = Array("\(NSTemporaryDirectory())/\(prefix).XXXXXX".utf8CString)
        guard let created = mkdtemp(&template) else {
            throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
        }
        path = String(cString: created)
    }

    /// `path/name`.
    public func appending(_ name: String) -> String { "\(path)/\(name)" }

    /// The names directly inside, sorted.
    public func contents() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: path).sorted()
    }

    /// Removes the directory now; deinit does the same for a directory still there.
    public func remove() { try? FileManager.default.removeItem(atPath: path) }

    /// Writes `text` to `path/name` and returns the full path.
    @discardableResult
    public func write(_ name: String, _ text: String) throws -> String {
        let file = appending(name)
        try FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        try text.write(toFile: file, atomically: false, encoding: .utf8)
        return file
    }

    deinit { remove() }
}
