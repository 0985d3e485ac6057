/// A named set of IPv4 or IPv6 addresses and prefixes that rules match against.
public struct AddressSet: Sendable, Hashable, Codable {
    public var name: String
    public var version: IPPrefix.Version
    /// Inline `elements` and those read from `file`, merged into ranges.
    ///
    /// Not part of the `Codable` form: a recorded config keeps its ranges in a binary file
    /// (`RouterState`), which 100,000 ranges fill in under 1 MB.
    public var ranges: AddressRanges
    public var line: Int

    public init(name: String, version: IPPrefix.Version, ranges: AddressRanges, line: Int) {
        self.name = name
        self.version = version
        self.ranges = ranges
        self.line = line
    }

    private enum CodingKeys: String, CodingKey {
        case name, version, line
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        version = try container.decode(IPPrefix.Version.self, forKey: .version)
        line = try container.decode(Int.self, forKey: .line)
        ranges = .empty(version)
    }
}
