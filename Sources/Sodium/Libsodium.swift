#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import CLibsodiumLoader

/// libsodium's functions, resolved the first time something is hashed, signed or verified rather
/// than linked, so processes that never do (the router) start without libsodium. A value exists
/// only once the library is loaded and `sodium_init` has succeeded, so no call can reach an
/// unresolved function or an uninitialised library.
///
/// `@unchecked Sendable`: the table it points to is written once, under `pthread_once`, before
/// any value exists, and only read afterwards.
@dynamicMemberLookup
struct Libsodium: @unchecked Sendable {
    /// The loader's table: static storage, valid for the life of the process.
    private let functions: UnsafePointer<kiln_libsodium>

    /// Loads libsodium and runs `sodium_init`, each once per process (thread-safe).
    ///
    /// Throws `SodiumError.unloadable` naming the library file, its Debian package and dlerror()'s
    /// text, or `.unavailable` when `sodium_init` fails. Wraps `dlopen`, `dlsym` and `sodium_init`.
    static func load() throws(SodiumError) -> Libsodium {
        var reason: UnsafePointer<CChar>?
        guard let functions = kiln_libsodium_load(&reason) else {
            let why = reason.map { String(cString: $0) } ?? "no reason given"
            throw .unloadable(library: KILN_LIBSODIUM_SONAME, package: "libsodium23", reason: why)
        }
        guard initialized else { throw .unavailable }
        return Libsodium(functions: functions)
    }

    /// `sodium_init()` once per process: Swift runs a global's initializer exactly once, thread-safely.
    /// Only read after a successful load, so the table is there.
    private static let initialized: Bool = {
        var reason: UnsafePointer<CChar>?
        guard let functions = kiln_libsodium_load(&reason) else { return false }
        return functions.pointee.sodium_init() >= 0
    }()

    /// The libsodium function of that name, e.g. `libsodium.crypto_generichash_statebytes()`.
    subscript<Function>(dynamicMember function: KeyPath<kiln_libsodium, Function>) -> Function {
        functions.pointee[keyPath: function]
    }
}
