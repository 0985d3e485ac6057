/// Paths inside the filesystem: `./etc/x`, `etc/x` and `/etc/x` are the same file.
enum Ext4Path {
    /// The path without leading `/` or `./`, empty or `.` components; the root is `""`.
    ///
    /// Throws `Ext4Error.invalidPath` for `..` (an archive must not climb out of the root),
    /// NUL bytes and names longer than ext4's 255 bytes.
    static func normalize(_ path: String) throws(Ext4Error) -> String {
        let components = path.split(separator: "/", omittingEmptySubsequences: true).filter { $0 != "." }
        for component in components {
            if component == ".." { throw .invalidPath(path: path, reason: "'..' is not allowed") }
            if component.utf8.count > 255 { throw .invalidPath(path: path, reason: "a name is longer than 255 bytes") }
            if component.utf8.contains(0) { throw .invalidPath(path: path, reason: "contains a NUL byte") }
        }
        return components.joined(separator: "/")
    }

    /// The parent's normalised path and the last name; `nil` for the root.
    static func split(_ normalized: String) -> (parent: String, name: String)? {
        guard !normalized.isEmpty else { return nil }
        guard let slash = normalized.lastIndex(of: "/") else { return ("", normalized) }
        return (String(normalized[..<slash]), String(normalized[normalized.index(after: slash)...]))
    }
}
