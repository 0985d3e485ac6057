/// A validated router.toml: zones, forwardings, port forwards, address sets and rules.
///
/// Plain values only; `RouterConfig.load(path:)` reads and checks a file, and `Ruleset(config:)`
/// turns a config into what the kernel should hold.
public struct RouterConfig: Sendable, Hashable {
    /// The file the config was read from, as errors name it.
    public var file: String
    /// The config's text: what confirm-or-revert records to restore exactly this config.
    public var source: String = ""
    public var zones: [Zone]
    public var forwardings: [Forwarding]
    public var portForwards: [PortForward]
    public var sets: [AddressSet]
    public var rules: [FilterRule]
    /// `[defaults] flow-offloading`; `nil` when off.
    public var flowOffloading: FlowOffloading?
    /// The line of `[defaults]`, for errors about the flowtable.
    public var defaultsLine: Int?

    public func zone(named name: String) -> Zone? { zones.first { $0.name == name } }
    public func set(named name: String) -> AddressSet? { sets.first { $0.name == name } }
}
