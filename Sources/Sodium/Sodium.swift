/// libsodium's process-wide set-up and small utilities.
public enum Sodium {
    /// Loads libsodium and makes sure it is initialised, once per process; every entry point of
    /// this module calls it.
    /// - Throws: `SodiumError.unloadable` when libsodium cannot be loaded, `.unavailable` when it
    ///   cannot initialise. Wraps `dlopen` and `sodium_init`.
    static func ready() throws(SodiumError) {
        _ = try Libsodium.load()
    }

    /// `count` bytes from the kernel's random source.
    /// - Throws: `SodiumError.unloadable` or `.unavailable`. Wraps `randombytes_buf`.
    public static func randomBytes(_ count: Int) throws(SodiumError) -> [UInt8] {
        let libsodium = try Libsodium.load()
        var bytes = [UInt8](repeating: 0, count: count)
        if count > 0 { bytes.withUnsafeMutableBytes { libsodium.randombytes_buf($0.baseAddress!, $0.count) } }
        return bytes
    }

    /// Compares in time independent of where the inputs differ.
    /// - Throws: `SodiumError.unloadable` or `.unavailable`. Wraps `sodium_memcmp`.
    public static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) throws(SodiumError) -> Bool {
        let libsodium = try Libsodium.load()
        guard a.count == b.count else { return false }
        return a.withUnsafeBytes { x in
            b.withUnsafeBytes { y in libsodium.sodium_memcmp(x.baseAddress, y.baseAddress, a.count) == 0 }
        }
    }
}
