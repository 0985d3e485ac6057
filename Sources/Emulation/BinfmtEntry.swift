/// One registered binfmt_misc entry, as the kernel describes it in `/proc/sys/fs/binfmt_misc/NAME`.
public struct BinfmtEntry: Sendable, Equatable, Codable {
    public var name: String
    public var enabled: Bool
    public var interpreter: String
    public var flags: BinfmtFlags
    public var offset: Int
    /// The bytes to match at `offset` (empty for an extension entry).
    public var magic: [UInt8]
    /// Which bits of `magic` count (all when the entry has no mask).
    public var mask: [UInt8]
    /// The file-name extension matched instead of magic bytes, for `E` entries.
    public var fileExtension: String?

    public init(name: String, enabled: Bool, interpreter: String, flags: BinfmtFlags, offset: Int,
                magic: [UInt8], mask: [UInt8], fileExtension: String? = nil) {
        self.name = name
        self.enabled = enabled
        self.interpreter = interpreter
        self.flags = flags
        self.offset = offset
        self.magic = magic
        self.mask = mask
        self.fileExtension = fileExtension
    }

    /// Parses the kernel's text for entry `name`.
    /// - Throws: `EmulationError.malformedEntry` when a line is missing or not understood.
    public init(name: String, text: String) throws(EmulationError) {
        var fields: [String: String] = [:]
        var enabled: Bool?
        for line in text.split(separator: "\n") {
            if line == "enabled" || line == "disabled" { enabled = line == "enabled"; continue }
            let parts = line.split(separator: " ", maxSplits: 1)
            let key = parts[0].hasSuffix(":") ? String(parts[0].dropLast()) : String(parts[0])
            fields[key] = parts.count > 1 ? String(parts[1]) : ""
        }
        guard let enabled else { throw .malformedEntry(name: name, reason: "no enabled/disabled line") }
        guard let interpreter = fields["interpreter"] else { throw .malformedEntry(name: name, reason: "no interpreter line") }
        self.init(name: name, enabled: enabled, interpreter: interpreter, flags: BinfmtFlags(letters: fields["flags"] ?? ""),
                  offset: 0, magic: [], mask: [])
        if let suffix = fields["extension"] {
            fileExtension = suffix.hasPrefix(".") ? String(suffix.dropFirst()) : suffix
            return
        }
        guard let magicText = fields["magic"], let magic = Self.bytes(hex: magicText) else {
            throw .malformedEntry(name: name, reason: "no magic or extension line")
        }
        self.magic = magic
        self.offset = fields["offset"].flatMap { Int($0) } ?? 0
        self.mask = fields["mask"].flatMap { Self.bytes(hex: $0) } ?? [UInt8](repeating: 0xFF, count: magic.count)
    }

    /// Whether this entry would run a file that starts with `header` (extension entries never match).
    public func matches(header: [UInt8]) -> Bool {
        guard fileExtension == nil, !magic.isEmpty, header.count >= offset + magic.count else { return false }
        for index in magic.indices where header[offset + index] & mask[index] != magic[index] & mask[index] {
            return false
        }
        return true
    }

    /// Whether this entry runs `architecture`'s executables (both the executable and the PIE header).
    public func handles(_ architecture: EmulatedArchitecture) -> Bool {
        var pie = architecture.magic
        pie[16] = 3
        return matches(header: architecture.magic) && matches(header: pie)
    }

    private static func bytes(hex: String) -> [UInt8]? {
        let digits = Array(hex.utf8)
        guard digits.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digits.count / 2)
        for index in stride(from: 0, to: digits.count, by: 2) {
            guard let byte = UInt8(String(decoding: digits[index...index + 1], as: UTF8.self), radix: 16) else { return nil }
            bytes.append(byte)
        }
        return bytes
    }
}
