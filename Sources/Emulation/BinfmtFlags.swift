/// The flags of a binfmt_misc entry (the letters after the last colon of a registration line).
public struct BinfmtFlags: OptionSet, Sendable, Hashable, Codable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// P: keep the original argv[0]; the interpreter must know (Debian's `*-binfmt-P` names do).
    public static let preserveArgv0 = BinfmtFlags(rawValue: 1 << 0)
    /// O: hand the interpreter an open file descriptor of the binary.
    public static let openBinary = BinfmtFlags(rawValue: 1 << 1)
    /// C: credentials from the binary (setuid); never registered by Kiln: with qemu-user it lets
    /// foreign setuid binaries run the interpreter with raised privileges.
    public static let credentials = BinfmtFlags(rawValue: 1 << 2)
    /// F: open the interpreter at registration, so it works inside chroots that do not contain it.
    public static let fixBinary = BinfmtFlags(rawValue: 1 << 3)

    private static let letters: [(Character, BinfmtFlags)] = [
        ("P", .preserveArgv0), ("O", .openBinary), ("C", .credentials), ("F", .fixBinary),
    ]

    /// Parses letters such as `POF`; unknown letters are ignored, as the kernel does.
    public init(letters text: some StringProtocol) {
        self = []
        for (letter, flag) in Self.letters where text.contains(letter) { insert(flag) }
    }

    /// The letters in the kernel's order, e.g. `POF`.
    public var letters: String {
        String(Self.letters.filter { contains($0.1) }.map(\.0))
    }

    // Encoded as the letters, as people and the kernel write them, not as a bit mask; records
    // written by the first builds held the mask, and those still decode.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let mask = try? container.decode(UInt8.self) { self.init(rawValue: mask) } else {
            self.init(letters: try container.decode(String.self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(letters)
    }
}
