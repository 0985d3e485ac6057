import Sodium

/// A GUID (UUID) in RFC 4122 byte order, as it is written in text: disk and partition identities.
public struct GUID: Sendable, Hashable, CustomStringConvertible {
    /// The 16 bytes in text order (`00112233-4455-6677-8899-aabbccddeeff` is 0x00, 0x11, ...).
    public let bytes: [UInt8]

    /// - Precondition: `bytes.count == 16`.
    public init(bytes: [UInt8]) {
        precondition(bytes.count == 16, "a GUID has 16 bytes")
        self.bytes = bytes
    }

    /// Parses `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx` in either case; nil when malformed.
    public init?(_ text: String) {
        let groups = text.split(separator: "-", omittingEmptySubsequences: false)
        guard groups.map(\.count) == [8, 4, 4, 4, 12] else { return nil }
        let digits = Array(groups.joined().utf8)
        var bytes: [UInt8] = []
        for index in stride(from: 0, to: digits.count, by: 2) {
            guard let byte = UInt8(String(decoding: digits[index..<(index + 2)], as: UTF8.self), radix: 16) else {
                return nil
            }
            bytes.append(byte)
        }
        self.init(bytes: bytes)
    }

    /// A version-4-style GUID made from the first 16 bytes of `digest` (a hash, so the GUID is reproducible):
    /// the version and variant bits are set as RFC 4122 requires of random GUIDs.
    public init(versionFourFrom digest: [UInt8]) {
        var bytes = Array(digest.prefix(16))
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        self.init(bytes: bytes)
    }

    /// Lower-case text, as Linux and U-Boot print a GPT PARTUUID.
    public var description: String {
        let hex = bytes.hexString
        let bounds = [0, 8, 12, 16, 20, 32]
        return (0..<5).map { group in
            String(hex[hex.index(hex.startIndex, offsetBy: bounds[group])..<hex.index(hex.startIndex, offsetBy: bounds[group + 1])])
        }.joined(separator: "-")
    }

    /// The on-disk GPT encoding: the first three fields little-endian, the last two as written.
    public var mixedEndianBytes: [UInt8] {
        [bytes[3], bytes[2], bytes[1], bytes[0], bytes[5], bytes[4], bytes[7], bytes[6]] + bytes[8...]
    }
}
