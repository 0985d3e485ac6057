#if canImport(Glibc)
import Glibc
#endif

extension FATPlanner {
    /// Characters no VFAT name may contain besides `/` and control characters.
    private static let forbidden = Set("\"*:<>?\\|")

    /// Checks one path component against what Windows, Linux and mtools accept.
    /// - Throws: `FATError.invalidName` saying what is wrong.
    static func validate(_ component: String, path: String) throws(FATError) {
        func invalid(_ reason: String) -> FATError { .invalidName(path: path, reason: reason) }
        if component.isEmpty { throw invalid("empty path component") }
        if component == "." || component == ".." { throw invalid("'\(component)' is reserved") }
        if component.utf16.count > 255 { throw invalid("'\(component)' is longer than 255 UTF-16 units") }
        if component.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            throw invalid("control character in '\(component)'")
        }
        if let bad = component.first(where: { forbidden.contains($0) }) {
            throw invalid("'\(bad)' is not allowed in '\(component)'")
        }
        // Windows drops trailing dots and spaces, so such a name would not be what was asked for.
        if component.hasSuffix(".") || component.hasSuffix(" ") || component.hasPrefix(" ") {
            throw invalid("'\(component)' begins with a space or ends with a dot or space")
        }
    }

    /// The label as the boot sector and root directory store it: upper-case, space-padded, `NO NAME` if empty.
    /// - Throws: `FATError.invalidLabel` for more than 11 bytes or characters 8.3 names do not allow.
    static func labelBytes(_ label: String) throws(FATError) -> [UInt8] {
        let upper = Array((label.isEmpty ? "NO NAME" : label).uppercased().utf8)
        guard upper.count <= 11 else { throw .invalidLabel(label: label, reason: "longer than 11 characters") }
        let allowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 $%'-_@~`!(){}^#&".utf8)
        guard upper.allSatisfy(allowed.contains), upper.first != 0x20 else {
            throw .invalidLabel(label: label, reason: "only letters, digits, spaces and $%'-_@~`!(){}^#& are allowed")
        }
        return upper + [UInt8](repeating: 0x20, count: 11 - upper.count)
    }

    /// The size of a source file (`stat`); the writer checks it did not change.
    /// - Throws: `FATError.source` with the errno, or EISDIR for a directory.
    static func fileSize(_ path: String) throws(FATError) -> UInt64 {
        var status = stat()
        guard stat(path, &status) == 0 else { throw .source(path: path, errno: errno) }
        guard status.st_mode & S_IFMT == S_IFREG else { throw .source(path: path, errno: EISDIR) }
        return UInt64(status.st_size)
    }
}
