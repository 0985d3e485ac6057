/// Little-endian stores into a byte buffer: every integer in an MBR or a GPT is little-endian.
extension Array where Element == UInt8 {
    mutating func storeLittleEndian<Value: FixedWidthInteger>(_ value: Value, at offset: Int) {
        for index in 0..<(Value.bitWidth / 8) {
            self[offset + index] = UInt8(truncatingIfNeeded: value >> (index * 8))
        }
    }

    mutating func store(_ bytes: [UInt8], at offset: Int) {
        replaceSubrange(offset..<(offset + bytes.count), with: bytes)
    }

    /// The little-endian integer at `offset`; the caller has checked the bounds.
    func loadLittleEndian<Value: FixedWidthInteger>(_ type: Value.Type, at offset: Int) -> Value {
        (0..<(Value.bitWidth / 8)).reduce(Value.zero) { value, index in
            value | Value(self[offset + index]) << (index * 8)
        }
    }
}
