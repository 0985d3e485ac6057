/// Traffic allowed through the router from one zone's interfaces out of another's.
public struct Forwarding: Sendable, Hashable {
    public var from: String
    public var to: String
    public var line: Int
}
