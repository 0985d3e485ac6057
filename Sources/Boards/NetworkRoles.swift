/// Which network interfaces face the internet and which face the local network.
public struct NetworkRoles: Sendable, Equatable, Codable {
    public var wan: [String]
    public var lan: [String]

    public init(wan: [String], lan: [String]) {
        self.wan = wan
        self.lan = lan
    }
}
