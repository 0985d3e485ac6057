/// Why a `LinuxGuest` could not be built or did not report a result.
public enum GuestError: Error, CustomStringConvertible {
    /// `ldd` could not resolve a library `executable` needs (its listing is attached).
    case unresolvedLibrary(executable: String, listing: String)
    /// A module file is compressed in a way the harness cannot undo.
    case unsupportedModuleCompression(path: String)
    /// The guest did not print its result before the deadline; QEMU was killed. `console` is its tail.
    case timedOut(seconds: Double, console: String)
    /// QEMU exited (or the kernel panicked) before the guest printed its result.
    case noResult(console: String)

    public var description: String {
        switch self {
        case .unresolvedLibrary(let executable, let listing): "ldd \(executable) left a library unresolved:\n\(listing)"
        case .unsupportedModuleCompression(let path): "\(path): unsupported module compression"
        case .timedOut(let seconds, let console): "guest gave no result within \(seconds) s; console:\n\(console)"
        case .noResult(let console): "guest stopped without a result; console:\n\(console)"
        }
    }
}
