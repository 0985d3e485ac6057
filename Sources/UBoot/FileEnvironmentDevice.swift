#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A block device or a plain file (`uboot.env` on a mounted FAT partition is one) holding environment copies.
public final class FileEnvironmentDevice: EnvironmentDevice {
    public let name: String
    private let descriptor: Int32

    /// Opens `path` for reading, and for writing when `writable`.
    /// - Throws: `EnvironmentError.io` with the errno of `open(2)`.
    public init(path: String, writable: Bool) throws {
        let flags = (writable ? O_RDWR : O_RDONLY) | O_CLOEXEC
        let descriptor = try Self.retrying(path, "open") { open(path, flags) }
        self.name = path
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    /// Exactly `count` bytes at `offset`.
    /// - Throws: `EnvironmentError.io` with the errno of `pread(2)`, `.shortRead` at the end of the file.
    public func read(count: Int, at offset: UInt64) throws -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let got = try bytes.withUnsafeMutableBytes { buffer in
                try Self.retrying(name, "pread") {
                    pread(descriptor, buffer.baseAddress! + done, count - done, off_t(offset) + off_t(done))
                }
            }
            if got == 0 { throw EnvironmentError.shortRead(path: name, offset: offset, expected: count, read: done) }
            done += got
        }
        return bytes
    }

    /// Writes all of `bytes` at `offset`.
    /// - Throws: `EnvironmentError.io` with the errno of `pwrite(2)`.
    public func write(_ bytes: [UInt8], at offset: UInt64) throws {
        var done = 0
        while done < bytes.count {
            done += try bytes.withUnsafeBytes { buffer in
                try Self.retrying(name, "pwrite") {
                    pwrite(descriptor, buffer.baseAddress! + done, bytes.count - done, off_t(offset) + off_t(done))
                }
            }
        }
    }

    /// Flushes the written copies to storage.
    /// - Throws: `EnvironmentError.io` with the errno of `fsync(2)`.
    public func sync() throws {
        _ = try Self.retrying(name, "fsync") { fsync(descriptor) }
    }

    /// Opens one device per configured copy; two copies in the same file share one descriptor.
    /// - Throws: `EnvironmentError.io` when a device cannot be opened.
    public static func devices(for configuration: EnvironmentConfiguration, writable: Bool) throws -> [FileEnvironmentDevice] {
        var opened: [String: FileEnvironmentDevice] = [:]
        return try configuration.copies.map { copy in
            if let device = opened[copy.device] { return device }
            let device = try FileEnvironmentDevice(path: copy.device, writable: writable)
            opened[copy.device] = device
            return device
        }
    }

    /// The whole contents of a small file (`fw_env.config`), read to its end.
    /// - Throws: `EnvironmentError.io` when it cannot be opened or read.
    public func readToEnd() throws -> [UInt8] {
        var contents: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let offset = off_t(contents.count)
            let got = try chunk.withUnsafeMutableBytes { buffer in
                try Self.retrying(name, "pread") { pread(descriptor, buffer.baseAddress!, buffer.count, offset) }
            }
            if got == 0 { return contents }
            contents += chunk[..<got]
        }
    }

    /// Runs a system call until it does not fail with EINTR; any other failure becomes `EnvironmentError.io`.
    static func retrying<Result: SignedInteger>(_ path: String, _ operation: String,
                                                _ call: () -> Result) throws -> Result {
        while true {
            let result = call()
            if result >= 0 { return result }
            if errno != EINTR { throw EnvironmentError.io(path: path, operation: operation, errno: errno) }
        }
    }
}
