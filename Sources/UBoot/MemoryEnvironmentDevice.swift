/// Environment storage in memory, for tests of code that reads and writes the environment (the OTA updater's).
///
/// It records each sync, so a test can check that a write was synced before it was relied on.
public final class MemoryEnvironmentDevice: EnvironmentDevice {
    public let name: String
    public private(set) var bytes: [UInt8]
    /// How many times `sync()` was called.
    public private(set) var syncCount = 0

    public init(name: String = "memory", bytes: [UInt8]) {
        self.name = name
        self.bytes = bytes
    }

    /// Exactly `count` bytes at `offset`.
    /// - Throws: `EnvironmentError.shortRead` past the end.
    public func read(count: Int, at offset: UInt64) throws -> [UInt8] {
        let start = Int(clamping: offset)
        guard start <= bytes.count, count <= bytes.count - start else {
            throw EnvironmentError.shortRead(path: name, offset: offset, expected: count,
                                             read: max(0, min(count, bytes.count - start)))
        }
        return Array(bytes[start..<start + count])
    }

    /// Writes `bytes` at `offset`, growing the storage as a file would.
    public func write(_ data: [UInt8], at offset: UInt64) throws {
        let start = Int(clamping: offset)
        if bytes.count < start + data.count { bytes += repeatElement(0, count: start + data.count - bytes.count) }
        bytes.replaceSubrange(start..<start + data.count, with: data)
    }

    public func sync() throws { syncCount += 1 }
}
