/// Why a libsodium operation failed.
public enum SodiumError: Error, Sendable, Equatable, CustomStringConvertible {
    /// libsodium could not be loaded (it is opened on first use): the library file, the Debian
    /// package that provides it, and dlerror()'s text.
    case unloadable(library: String, package: String, reason: String)
    /// `sodium_init()` failed: no usable random source.
    case unavailable
    /// A key, seed or signature of the wrong length, e.g. read from a damaged file.
    case wrongLength(what: String, expected: Int, actual: Int)
    /// libsodium refused the operation (it returns -1 without further detail).
    case failed(operation: String)

    public var description: String {
        switch self {
        case .unloadable(let library, let package, let reason):
            "cannot load \(library) (Debian package \(package)): \(reason)"
        case .unavailable: "libsodium could not initialise (no random source)"
        case .wrongLength(let what, let expected, let actual): "\(what) must be \(expected) bytes, got \(actual)"
        case .failed(let operation): "libsodium: \(operation) failed"
        }
    }
}
