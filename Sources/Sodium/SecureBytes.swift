import CLibsodiumLoader

/// Secret bytes in guarded memory: `sodium_malloc` puts them between guard pages and keeps them
/// out of swap; they are wiped and freed when the last reference goes.
public final class SecureBytes: @unchecked Sendable {
    // @unchecked: the buffer is written only in init and read-only afterwards.
    private let pointer: UnsafeMutableRawPointer
    private let libsodium: Libsodium
    public let count: Int

    /// Copies `bytes` into guarded memory.
    /// - Throws: `SodiumError.failed` when guarded memory cannot be allocated, `.unloadable` when
    ///   libsodium cannot be loaded. Wraps `sodium_malloc`.
    public init(copying bytes: some Collection<UInt8>) throws(SodiumError) {
        let libsodium = try Libsodium.load()
        guard let pointer = libsodium.sodium_malloc(max(bytes.count, 1)) else { throw .failed(operation: "sodium_malloc") }
        self.pointer = pointer
        self.libsodium = libsodium
        self.count = bytes.count
        UnsafeMutableRawBufferPointer(start: pointer, count: bytes.count).copyBytes(from: bytes)
    }

    /// Runs `body` with the secret; do not let the pointer escape.
    public func withUnsafeBytes<T, E: Error>(_ body: (UnsafeRawBufferPointer) throws(E) -> T) throws(E) -> T {
        try body(UnsafeRawBufferPointer(start: pointer, count: count))
    }

    /// Wipes and frees the memory. Wraps `sodium_free`, which zeroes before freeing.
    deinit { libsodium.sodium_free(pointer) }
}
