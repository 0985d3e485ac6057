import Glibc

/// Writes to a file descriptor with write(2) (Foundation's `FileHandle` would link its
/// CoreFoundation layer into every start of `kiln`).
enum StandardStream {
    /// Writes all of `text` to `descriptor`; a closed pipe or full disk loses the rest silently,
    /// as `print` does.
    static func write(_ text: String, to descriptor: Int32 = STDERR_FILENO) {
        let bytes = Array(text.utf8)
        var done = 0
        while done < bytes.count {
            let count = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress! + done, $0.count - done) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return }
            done += count
        }
    }

    /// Appends `text` to the file at `path`, creating it (mode 0644).
    static func append(_ text: String, toFile path: String) {
        let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return }
        write(text, to: descriptor)
        close(descriptor)
    }
}
