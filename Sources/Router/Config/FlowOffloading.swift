/// Flow offloading (`[defaults] flow-offloading`): forwarded TCP and UDP connections between
/// the zones' interfaces, once established, skip the forward chain through a flowtable.
public enum FlowOffloading: Sendable, Hashable {
    /// In software, at the ingress hook of each interface.
    case software
    /// Also handed to the network cards that can forward flows themselves (`flags offload`).
    case hardware
}
