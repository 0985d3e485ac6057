/// CRC-32 as zlib computes it (reflected polynomial 0xEDB88320): GPT headers and entry arrays carry it.
public enum CRC32 {
    /// One entry per byte value, built once; 1 KiB is cheaper than pulling in zlib for two checksums.
    private static let table: [UInt32] = (0..<256).map { index in
        var value = UInt32(index)
        for _ in 0..<8 {
            value = value & 1 == 1 ? (value >> 1) ^ 0xEDB8_8320 : value >> 1
        }
        return value
    }

    /// The checksum of `bytes`; pass a previous result as `initial` to continue it.
    public static func checksum<Bytes: Sequence<UInt8>>(_ bytes: Bytes, initial: UInt32 = 0) -> UInt32 {
        var crc = ~initial
        for byte in bytes {
            crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8)
        }
        return ~crc
    }
}
