import LocalFiles
import TOML

extension RouterConfig {
    /// Reads, parses and validates the config at `path` (and the element files its sets name,
    /// relative to its directory).
    /// - Throws: `RouterError` naming the file, line and key of every problem found (`others` after the first).
    public static func load(path: String) throws(RouterError) -> RouterConfig {
        let bytes: [UInt8]
        do {
            bytes = try LocalFiles.read(path)
        } catch {
            throw RouterError(file: path, message: "cannot read: \(error.reason)")
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw RouterError(file: path, message: "not UTF-8 text")
        }
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { String(path[..<$0]) } ?? ""
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        return try parse(text, file: name, directory: directory.isEmpty ? (slash == nil ? "." : "/") : directory)
    }

    /// Parses and validates config text; `file` is the name errors use, `directory` where set files are.
    /// Without `readingElementFiles`, sets hold only their inline elements (a recorded config,
    /// whose sets come back from their recorded ranges).
    /// - Throws: `RouterError` naming the file, line and key of every problem found (`others` after the first).
    public static func parse(_ text: String, file: String, directory: String,
                             readingElementFiles: Bool = true) throws(RouterError) -> RouterConfig {
        let root: TOMLTable
        do {
            root = try TOMLDocument.parse(text)
        } catch {
            throw RouterError(file: file, line: error.position.line, message: error.message)
        }
        var problems: [RouterError] = []
        var config = ConfigDecoder(file: file, directory: directory, readsElementFiles: readingElementFiles)
            .decode(ConfigReader(table: root, path: "", file: file), problems: &problems)
        config.source = text
        // Cross-references are checked only between items that decoded: a zone with a typo
        // would otherwise also surface as "unknown zone" at every use.
        if problems.isEmpty { ConfigValidator(config: config).validate(problems: &problems) }
        guard problems.isEmpty else { throw RouterError.combining(problems) }
        return config
    }
}
