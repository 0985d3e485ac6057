#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import CLibarchiveLoader

extension ArchiveError {
    /// Captures libarchive's last error on `handle` right after `operation` failed.
    init(_ libarchive: Libarchive, handle: OpaquePointer, operation: String, archive: String, entry: String?) {
        // libarchive leaves the message NULL when it failed without explaining why.
        let message = libarchive.archive_error_string(handle).map { String(cString: $0) } ?? "no message from libarchive"
        self = .library(
            operation: operation, archive: archive, entry: entry,
            message: message, errno: libarchive.archive_errno(handle))
    }
}

extension ArchiveError {
    /// The error for a libarchive constructor that returned NULL, which it does only when
    /// allocation fails (and then there is no handle to ask for a message).
    static func outOfMemory(operation: String, archive: String, entry: String?) -> ArchiveError {
        .library(operation: operation, archive: archive, entry: entry, message: "out of memory", errno: ENOMEM)
    }
}
