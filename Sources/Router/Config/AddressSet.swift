/// A named set of IPv4 or IPv6 addresses and prefixes that rules match against.
public struct AddressSet: Sendable, Hashable, Codable {
    public var name: String
    public var version: IPPrefix.Version
    /// Inline `elements` and those read from `file`, in that order.
    public var prefixes: [IPPrefix]
    public var line: Int

    public init(name: String, version: IPPrefix.Version, prefixes: [IPPrefix], line: Int) {
        self.name = name
        self.version = version
        self.prefixes = prefixes
        self.line = line
    }
}
