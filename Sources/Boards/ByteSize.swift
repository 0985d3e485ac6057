/// A size or offset in bytes, as board files write them: `16MiB`, `32KiB`, `0x3F8000` or plain bytes.
public struct ByteSize: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public var bytes: UInt64

    public init(_ bytes: UInt64) { self.bytes = bytes }

    public static func < (a: ByteSize, b: ByteSize) -> Bool { a.bytes < b.bytes }

    private static let units: [(suffix: String, shift: UInt64)] = [
        ("TiB", 40), ("GiB", 30), ("MiB", 20), ("KiB", 10), ("B", 0),
    ]

    /// Parses `16MiB`, `0x3F8000` or `4096`; nil when malformed (fractions, unknown units) or too large.
    public init?(parsing text: String) {
        let trimmed = text.trimmingSpaces()
        if trimmed.hasPrefix("0x") || trimmed.hasPrefix("0X") {
            guard let value = UInt64(trimmed.dropFirst(2).replacingUnderscores(), radix: 16) else { return nil }
            self.init(value)
            return
        }
        for unit in Self.units where trimmed.hasSuffix(unit.suffix) {
            let number = trimmed.dropLast(unit.suffix.count).trimmingSpaces()
            guard !number.isEmpty, number.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "_") }),
                  let value = UInt64(number.replacingUnderscores())
            else { return nil }
            let (scaled, overflow) = value.multipliedReportingOverflow(by: 1 << unit.shift)
            guard !overflow else { return nil }
            self.init(scaled)
            return
        }
        guard !trimmed.isEmpty, trimmed.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "_") }),
              let value = UInt64(trimmed.replacingUnderscores())
        else { return nil }
        self.init(value)
    }

    /// The largest binary unit that divides the size exactly: `16MiB`, `0x3F8000` becomes `4064KiB`.
    public var description: String {
        for unit in Self.units where unit.shift > 0 {
            let divisor: UInt64 = 1 << unit.shift
            if bytes >= divisor, bytes % divisor == 0 { return "\(bytes / divisor)\(unit.suffix)" }
        }
        return "\(bytes)B"
    }

    /// `0x` and upper-case hex digits, as offsets are written in U-Boot configs and datasheets.
    public var hex: String { "0x" + String(bytes, radix: 16, uppercase: true) }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(bytes)
    }

    public init(from decoder: any Decoder) throws {
        self.init(try decoder.singleValueContainer().decode(UInt64.self))
    }
}

extension StringProtocol {
    func trimmingSpaces() -> String {
        String(drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
    }

    func replacingUnderscores() -> String { String(filter { $0 != "_" }) }
}
