/// A named set of IPv4 or IPv6 addresses and prefixes that rules match against.
public struct AddressSet: Sendable, Hashable {
    public var name: String
    public var version: IPPrefix.Version
    /// Inline `elements` and those read from `file`, in that order.
    public var prefixes: [IPPrefix]
    public var line: Int
}
