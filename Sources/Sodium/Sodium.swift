import CLibsodium

/// libsodium's process-wide set-up and small utilities.
public enum Sodium {
    /// `sodium_init()` once per process; Swift runs a global's initializer exactly once, thread-safely.
    private static let initialized: Bool = sodium_init() >= 0

    /// Makes sure libsodium is initialised; every entry point of this module calls it.
    /// - Throws: `SodiumError.unavailable`. Wraps `sodium_init`.
    static func ready() throws(SodiumError) {
        guard initialized else { throw .unavailable }
    }

    /// `count` bytes from the kernel's random source. Wraps `randombytes_buf`.
    public static func randomBytes(_ count: Int) throws(SodiumError) -> [UInt8] {
        try ready()
        var bytes = [UInt8](repeating: 0, count: count)
        if count > 0 { bytes.withUnsafeMutableBytes { randombytes_buf($0.baseAddress!, $0.count) } }
        return bytes
    }

    /// Compares in time independent of where the inputs differ. Wraps `sodium_memcmp`.
    public static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        return a.withUnsafeBytes { x in b.withUnsafeBytes { y in sodium_memcmp(x.baseAddress, y.baseAddress, a.count) == 0 } }
    }
}
