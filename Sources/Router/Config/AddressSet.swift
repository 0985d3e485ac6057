/// A named set of IPv4 or IPv6 addresses and prefixes that rules match against.
public struct AddressSet: Sendable, Hashable {
    public var name: String
    public var version: IPPrefix.Version
    /// Inline `elements` and those read from `file`, merged into ranges.
    public var ranges: AddressRanges
    public var line: Int

    public init(name: String, version: IPPrefix.Version, ranges: AddressRanges, line: Int) {
        self.name = name
        self.version = version
        self.ranges = ranges
        self.line = line
    }
}
