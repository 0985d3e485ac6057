/// Why reading or changing a device tree blob failed.
public enum DeviceTreeError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The bytes are not a usable flattened device tree.
    case invalidBlob(reason: String)
    /// No node at that path.
    case nodeNotFound(path: String)
    /// A property holds something other than what was asked for (e.g. a string list that is not NUL-terminated).
    case malformedProperty(path: String, name: String, reason: String)
    /// libfdt refused an operation; `code` is its negative `FDT_ERR_*` value.
    case libfdt(operation: String, path: String, code: Int32, message: String)
    /// libfdt could not be loaded (it is opened on first use): the library file, the Debian
    /// package that provides it, and dlerror()'s text.
    case unloadable(library: String, package: String, reason: String)

    static func libfdt(_ libfdt: Libfdt, _ operation: String, path: String, code: Int32) -> DeviceTreeError {
        .libfdt(operation: operation, path: path, code: code, message: libfdt.message(for: code))
    }

    public var description: String {
        switch self {
        case .invalidBlob(let reason): "not a valid device tree blob: \(reason)"
        case .nodeNotFound(let path): "device tree has no node \(path)"
        case .malformedProperty(let path, let name, let reason): "property \(path):\(name) \(reason)"
        case .libfdt(let operation, let path, _, let message): "\(operation) at \(path): \(message)"
        case .unloadable(let library, let package, let reason):
            "cannot load \(library) (Debian package \(package)): \(reason)"
        }
    }
}
