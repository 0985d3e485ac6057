/// A U-Boot legacy script image (`boot.scr`), byte for byte what `mkimage -A arm64 -O linux -T script -C none` writes.
///
/// Layout: a 64-byte big-endian header (magic, header CRC, time, data size, load and entry 0, data CRC,
/// OS, architecture, type, compression, 32-byte name), then the data: a table of 32-bit lengths ended by 0
/// (one script, so one length) and the script text.
public struct LegacyScriptImage: Sendable, Equatable {
    /// The header's CPU architecture (`IH_ARCH_*`).
    public enum Architecture: UInt8, Sendable {
        case arm = 2
        case arm64 = 22
    }

    public var name: String
    public var script: [UInt8]
    /// Seconds since the epoch; pass `SOURCE_DATE_EPOCH` for reproducible images (mkimage honours it the same way).
    public var timestamp: UInt32
    public var architecture: Architecture

    static let magic: UInt32 = 0x2705_1956
    static let headerSize = 64
    static let nameSize = 32
    static let osLinux: UInt8 = 5
    static let typeScript: UInt8 = 6
    static let compressionNone: UInt8 = 0

    public init(name: String, script: String, timestamp: UInt32, architecture: Architecture = .arm64) {
        self.init(name: name, script: Array(script.utf8), timestamp: timestamp, architecture: architecture)
    }

    public init(name: String, script: [UInt8], timestamp: UInt32, architecture: Architecture = .arm64) {
        self.name = name
        self.script = script
        self.timestamp = timestamp
        self.architecture = architecture
    }

    /// The script text (lossy if it is not UTF-8).
    public var text: String { String(decoding: script, as: UTF8.self) }

    /// The image bytes.
    /// - Throws: `EnvironmentError.invalidScriptImage` when the name exceeds 32 bytes (mkimage would cut it)
    ///   or the script exceeds 4 GiB.
    public func encoded() throws -> [UInt8] {
        let nameBytes = Array(name.utf8)
        guard nameBytes.count <= Self.nameSize else {
            throw EnvironmentError.invalidScriptImage(reason: "name \"\(name)\" is \(nameBytes.count) bytes, at most 32 fit")
        }
        guard let length = UInt32(exactly: script.count), length <= UInt32.max - 8 else {
            throw EnvironmentError.invalidScriptImage(reason: "a script of \(script.count) bytes does not fit 32 bits")
        }
        let data = Self.bigEndian(length) + Self.bigEndian(0) + script
        var header = Self.bigEndian(Self.magic) + Self.bigEndian(0) + Self.bigEndian(timestamp)
        header += Self.bigEndian(UInt32(data.count)) + Self.bigEndian(0) + Self.bigEndian(0)
        header += Self.bigEndian(CRC32.checksum(data))
        header += [Self.osLinux, architecture.rawValue, Self.typeScript, Self.compressionNone]
        header += nameBytes + repeatElement(0, count: Self.nameSize - nameBytes.count)
        header.replaceSubrange(4..<8, with: Self.bigEndian(CRC32.checksum(header)))
        return header + data
    }

    static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8(truncatingIfNeeded: value >> 16), UInt8(truncatingIfNeeded: value >> 8),
         UInt8(truncatingIfNeeded: value)]
    }
}
