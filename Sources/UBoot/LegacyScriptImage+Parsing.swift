extension LegacyScriptImage {
    /// Parses a `boot.scr`, checking magic, both CRCs, the type (script, uncompressed) and the length table.
    /// - Throws: `EnvironmentError.invalidScriptImage` saying which check failed.
    public init(parsing image: some Collection<UInt8>) throws {
        let bytes = Array(image)
        func invalid(_ reason: String) -> EnvironmentError { .invalidScriptImage(reason: reason) }
        func word(_ offset: Int) -> UInt32 { bytes[offset..<offset + 4].reduce(0) { $0 << 8 | UInt32($1) } }
        guard bytes.count >= Self.headerSize else { throw invalid("\(bytes.count) bytes, shorter than the 64-byte header") }
        guard word(0) == Self.magic else { throw invalid("magic \(hex(word(0))) is not 0x27051956") }
        var header = Array(bytes[..<Self.headerSize])
        header.replaceSubrange(4..<8, with: [0, 0, 0, 0])
        guard CRC32.checksum(header) == word(4) else { throw invalid("header CRC mismatch") }
        let size = Int(word(12))
        guard bytes.count - Self.headerSize >= size else {
            throw invalid("data size \(size) exceeds the \(bytes.count - Self.headerSize) bytes after the header")
        }
        let data = bytes[Self.headerSize..<Self.headerSize + size]
        guard CRC32.checksum(data) == word(24) else { throw invalid("data CRC mismatch") }
        guard bytes[30] == Self.typeScript else { throw invalid("image type \(bytes[30]) is not a script (6)") }
        guard bytes[31] == Self.compressionNone else { throw invalid("compression \(bytes[31]) is not none") }
        guard let architecture = Architecture(rawValue: bytes[29]) else {
            throw invalid("architecture \(bytes[29]) is neither ARM (2) nor ARM64 (22)")
        }
        guard size >= 8, word(Self.headerSize + 4) == 0 else {
            throw invalid("the data does not hold exactly one script (a length, then 0)")
        }
        let length = Int(word(Self.headerSize))
        guard length <= size - 8 else { throw invalid("script length \(length) exceeds the data") }
        let nameBytes = bytes[32..<64].prefix { $0 != 0 }
        self.init(name: String(decoding: nameBytes, as: UTF8.self),
                  script: Array(data.dropFirst(8).prefix(length)),
                  timestamp: word(8), architecture: architecture)
    }
}
