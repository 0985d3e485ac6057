/// CRC-32 as zlib computes it (reflected polynomial 0xEDB88320), the checksum of U-Boot's environment and image headers.
public enum CRC32 {
    /// One entry per byte value: the CRC of that byte alone, so the loop below handles eight bits per step.
    private static let table: [UInt32] = (0..<256).map { byte in
        var crc = UInt32(byte)
        for _ in 0..<8 {
            crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1
        }
        return crc
    }

    /// The CRC-32 of `bytes`, continuing from `crc` (0 to start, like zlib's `crc32(0, ...)`).
    public static func checksum<Bytes: Sequence<UInt8>>(_ bytes: Bytes, continuing crc: UInt32 = 0) -> UInt32 {
        var value = ~crc
        for byte in bytes {
            value = table[Int((value ^ UInt32(byte)) & 0xFF)] ^ (value >> 8)
        }
        return ~value
    }
}
