/// An nftables flowtable: the fast path that offloaded connections take at ingress of its
/// devices, skipping the forward chain (`flowtable ft { hook ingress priority 0; devices = { ... } }`).
public struct Flowtable: Sendable, Hashable, CustomStringConvertible {
    public var family: Family
    public var table: String
    public var name: String
    /// Priority on the ingress hook.
    public var priority: Int32
    /// The interfaces whose traffic can be offloaded; each must exist when the flowtable is added.
    public var devices: [String]
    /// Also ask the network cards to forward offloaded flows (`flags offload`), where they can.
    public var hardwareOffload: Bool
    /// The kernel's handle; `nil` until the kernel reported it.
    public var handle: UInt64?

    public init(family: Family, table: String, name: String, priority: Int32 = 0, devices: [String],
                hardwareOffload: Bool = false, handle: UInt64? = nil) {
        self.family = family
        self.table = table
        self.name = name
        self.priority = priority
        self.devices = devices
        self.hardwareOffload = hardwareOffload
        self.handle = handle
    }

    /// The flowtable as `nft` names it, e.g. `flowtable inet kiln ft`.
    public var description: String { "flowtable \(family) \(table) \(name)" }

    /// What the kernel compares: everything but the handle, devices in any order.
    public func hasSameDefinition(as other: Flowtable) -> Bool {
        family == other.family && table == other.table && name == other.name && priority == other.priority
            && Set(devices) == Set(other.devices) && hardwareOffload == other.hardwareOffload
    }
}
