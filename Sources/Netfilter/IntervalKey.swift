/// A key of an interval set as an unsigned integer: `UInt32` for IPv4 addresses, `UInt128` for
/// IPv6. Ranges of keys are `ClosedRange`s, so 100,000 IPv4 ranges take 800 KB, packed.
public protocol IntervalKey: FixedWidthInteger, UnsignedInteger, Sendable {}

extension UInt32: IntervalKey {}
extension UInt128: IntervalKey {}

extension IntervalKey {
    /// The key's length in bytes, as the set's key length.
    static var byteCount: Int { bitWidth / 8 }

    /// Reads a key from `byteCount` bytes in network byte order.
    init?(networkBytes bytes: UnsafeRawBufferPointer) {
        guard bytes.count == Self.byteCount else { return nil }
        var value = Self.zero
        withUnsafeMutableBytes(of: &value) { $0.copyMemory(from: bytes) }
        self = Self(bigEndian: value)
    }
}
