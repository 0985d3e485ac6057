import CLibfdtLoader

/// libfdt's functions, resolved the first time a device tree is read rather than linked, so
/// processes that never see one (the router) start without libfdt. A value exists only once the
/// library is loaded, so no call can reach an unresolved function.
@dynamicMemberLookup
struct Libfdt {
    /// The loader's table: static storage, valid for the life of the process.
    private let functions: UnsafePointer<kiln_libfdt>

    /// Loads libfdt on the first call (thread-safe); later calls return the same table.
    ///
    /// Throws `DeviceTreeError.unloadable` naming the library file, its Debian package and
    /// dlerror()'s text. Wraps `dlopen` and `dlsym`.
    static func load() throws(DeviceTreeError) -> Libfdt {
        var reason: UnsafePointer<CChar>?
        guard let functions = kiln_libfdt_load(&reason) else {
            let why = reason.map { String(cString: $0) } ?? "no reason given"
            throw .unloadable(library: KILN_LIBFDT_SONAME, package: "libfdt1", reason: why)
        }
        return Libfdt(functions: functions)
    }

    /// libfdt's text for a negative `FDT_ERR_*` code. Wraps `fdt_strerror`.
    func message(for code: Int32) -> String {
        functions.pointee.fdt_strerror(code).map { String(cString: $0) } ?? "libfdt error \(code)"
    }

    /// The libfdt function of that name, e.g. `libfdt.fdt_path_offset(blob, path)`.
    subscript<Function>(dynamicMember function: KeyPath<kiln_libfdt, Function>) -> Function {
        functions.pointee[keyPath: function]
    }
}
