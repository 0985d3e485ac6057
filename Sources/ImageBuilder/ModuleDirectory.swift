import Glibc

/// A `lib/modules/VERSION` tree on disk, as `--modules DIR` names it.
public struct ModuleDirectory: ModuleTreeSource, Sendable {
    /// The directory holding `modules.dep`.
    public let path: String

    public init(path: String) { self.path = path }

    public var location: String { path }

    /// The bytes of `path/relativePath`.
    /// - Throws: `InitramfsError.unreadable` with the errno text. Wraps `open`, `read`.
    public func contents(of relativePath: String) throws(InitramfsError) -> [UInt8] {
        try Self.read("\(path)/\(relativePath)")
    }

    /// The bytes of the file at `file`; also how the busybox binary is read.
    /// - Throws: `InitramfsError.unreadable`. Wraps `open`, `read`.
    static func read(_ file: String) throws(InitramfsError) -> [UInt8] {
        let descriptor = open(file, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .unreadable(file: file, reason: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .unreadable(file: file, reason: String(cString: strerror(errno)))
            }
            if count == 0 { return bytes }
            bytes += chunk[..<count]
        }
    }
}
