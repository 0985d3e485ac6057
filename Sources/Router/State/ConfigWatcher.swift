import Glibc

/// Watches a config file's directory with inotify and reports when the file was written,
/// replaced or moved into place (editors and `mv` replace files rather than rewrite them).
public final class ConfigWatcher {
    /// The inotify descriptor; readable when events are queued.
    public let fileDescriptor: Int32
    private let name: String

    /// Starts watching `path`'s directory.
    /// - Throws: `RouterError` with the errno text. (`inotify_init1`, `inotify_add_watch`)
    public init(path: String) throws(RouterError) {
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { String(path[..<$0]) }.flatMap { $0.isEmpty ? "/" : $0 } ?? "."
        name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        let descriptor = inotify_init1(Int32(IN_CLOEXEC | IN_NONBLOCK))
        guard descriptor >= 0 else { throw RouterError(file: path, message: "inotify_init1: \(String(cString: strerror(errno)))") }
        let mask = UInt32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE)
        guard inotify_add_watch(descriptor, directory, mask) >= 0 else {
            let message = String(cString: strerror(errno))
            close(descriptor)
            throw RouterError(file: directory, message: "inotify_add_watch: \(message)")
        }
        fileDescriptor = descriptor
    }

    deinit { close(fileDescriptor) }

    /// Reads the queued events; whether one concerned the watched file.
    public func drain() -> Bool {
        var buffer = [UInt8](repeating: 0, count: 4096)
        var concerned = false
        while true {
            let count = buffer.withUnsafeMutableBytes { read(fileDescriptor, $0.baseAddress, $0.count) }
            guard count > 0 else { return concerned }
            var offset = 0
            while offset + MemoryLayout<inotify_event>.size <= count {
                let length = buffer.withUnsafeBytes { Int($0.load(fromByteOffset: offset + 12, as: UInt32.self)) }
                let nameStart = offset + MemoryLayout<inotify_event>.size
                let nameBytes = buffer[nameStart..<min(nameStart + length, count)].prefix { $0 != 0 }
                if String(decoding: nameBytes, as: UTF8.self) == name { concerned = true }
                offset = nameStart + length
            }
        }
    }
}
