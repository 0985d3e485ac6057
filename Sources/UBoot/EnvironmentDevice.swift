/// Storage that holds copies of the environment: reads and writes whole copies at offsets, and syncs.
public protocol EnvironmentDevice: AnyObject {
    /// Names the storage in errors (its path).
    var name: String { get }
    /// Exactly `count` bytes at `offset`.
    /// - Throws: `EnvironmentError.io` or `.shortRead`.
    func read(count: Int, at offset: UInt64) throws -> [UInt8]
    /// Writes all of `bytes` at `offset`.
    /// - Throws: `EnvironmentError.io`.
    func write(_ bytes: [UInt8], at offset: UInt64) throws
    /// Returns once what was written is on storage.
    /// - Throws: `EnvironmentError.io`.
    func sync() throws
}
