#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import CLibarchiveLoader

/// libarchive's functions, resolved when the first archive is opened rather than linked, so
/// processes that never touch an archive (the router) start without libarchive and its
/// dependencies. A value exists only once the library is loaded, so no call can reach an
/// unresolved function: each handle-owning type keeps the value it opened its handle with.
@dynamicMemberLookup
struct Libarchive {
    /// The loader's table: static storage, valid for the life of the process.
    private let functions: UnsafePointer<kiln_libarchive>

    /// Loads libarchive on the first call (thread-safe); later calls return the same table.
    ///
    /// Throws `ArchiveError.library` naming `archive`, the library file, its Debian package and
    /// dlerror()'s text, with errno `ELIBACC`. Wraps `dlopen` and `dlsym`.
    static func load(for archive: String) throws(ArchiveError) -> Libarchive {
        var reason: UnsafePointer<CChar>?
        guard let functions = kiln_libarchive_load(&reason) else {
            let why = reason.map { String(cString: $0) } ?? "no reason given"
            throw .library(operation: "dlopen", archive: archive, entry: nil,
                           message: "cannot load \(KILN_LIBARCHIVE_SONAME) (Debian package libarchive13): \(why)",
                           errno: ELIBACC)
        }
        return Libarchive(functions: functions)
    }

    /// The libarchive function of that name, e.g. `libarchive.archive_read_new()`.
    subscript<Function>(dynamicMember function: KeyPath<kiln_libarchive, Function>) -> Function {
        functions.pointee[keyPath: function]
    }
}
