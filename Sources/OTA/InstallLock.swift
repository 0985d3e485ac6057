#if canImport(Glibc)
import Glibc
#endif

/// One install at a time: an exclusive `flock` on a file in the data directory, released when the process
/// ends however it ends (the kernel drops the lock with the descriptor, so a killed install never leaves it stuck).
final class InstallLock {
    let path: String
    private let descriptor: Int32

    /// Takes the lock without waiting.
    /// - Throws: `OTAError.busy` when another process holds it, `.io` when the file cannot be opened.
    init(directory: String) throws(OTAError) {
        let path = "\(directory)/install.lock"
        self.path = path
        if !LocalFile.isDirectory(directory), mkdir(directory, 0o755) != 0, errno != EEXIST {
            throw .io(path: directory, operation: "mkdir", errno: errno)
        }
        descriptor = try LocalFile.retrying(path, "open") { open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644) }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let code = errno
            close(descriptor)
            if code == EWOULDBLOCK { throw .busy(lock: path) }
            throw .io(path: path, operation: "flock", errno: code)
        }
    }

    deinit { close(descriptor) }
}
