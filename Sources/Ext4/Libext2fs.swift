#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import CLibext2fs
import CLibext2fsLoader

/// libext2fs's (and com_err's) functions, resolved when the first filesystem is formatted rather
/// than linked, so processes that never build a filesystem (the router) start without them. A
/// value exists only once the library is loaded, so no call can reach an unresolved function:
/// each handle-owning type keeps the value it opened its handle with.
@dynamicMemberLookup
struct Libext2fs {
    /// The loader's table: static storage, valid for the life of the process.
    let functions: UnsafePointer<kiln_libext2fs>

    /// Loads libext2fs on the first call (thread-safe); later calls return the same table.
    ///
    /// Throws `Ext4Error.library` naming `image`, the library file, its Debian package and
    /// dlerror()'s text, with errno `ELIBACC` as the code. Wraps `dlopen` and `dlsym`.
    static func load(for image: String) throws(Ext4Error) -> Libext2fs {
        var reason: UnsafePointer<CChar>?
        guard let functions = kiln_libext2fs_load(&reason) else {
            let why = reason.map { String(cString: $0) } ?? "no reason given"
            throw .library(operation: "dlopen", image: image, path: nil, code: Int(ELIBACC),
                           message: "cannot load \(KILN_LIBEXT2FS_SONAME) (Debian package libext2fs2): \(why)")
        }
        return Libext2fs(functions: functions)
    }

    /// The I/O manager for files and block devices, as mke2fs uses it (`unix_io_manager`, a variable).
    var unixIOManager: io_manager { kiln_unix_io_manager(functions) }

    /// The libext2fs function of that name, e.g. `libext2fs.ext2fs_mkdir(...)`.
    subscript<Function>(dynamicMember function: KeyPath<kiln_libext2fs, Function>) -> Function {
        functions.pointee[keyPath: function]
    }
}
