import Glibc
import Netfilter

/// What the kernel holds in Kiln's table, read through netlink dumps, with the generation id
/// it was read at.
public struct KernelRuleset: Sendable {
    public var generation: UInt32
    /// `nil` when the table does not exist.
    public var table: Table?
    public var chains: [Chain]
    /// Rules in chain order, with comments, handles and counters.
    public var rules: [Rule]
    public var sets: [(set: NamedSet, ranges: AddressRanges)]
    public var flowtables: [Flowtable] = []
    /// The network interfaces present in the namespace: a flowtable can only hold existing ones.
    public var interfaces: Set<String> = []

    /// Reads Kiln's table. The generation is read first: a change after it makes the batch
    /// computed from this state fail instead of overwriting the change.
    /// - Throws: `RouterError` wrapping the `NetfilterError` of a failed dump.
    ///
    /// With a `cache` that still matches the kernel (same namespace, table and generation), set
    /// elements come from the cache instead of a dump. Without `listingInterfaces` (no flowtable
    /// is wanted) the namespace's interfaces are not listed.
    public static func read(from socket: NetlinkSocket, cache: RulesetCache? = nil,
                            listingInterfaces: Bool = true) throws(RouterError) -> KernelRuleset {
        do {
            let generation = try socket.generation()
            let interfaces = listingInterfaces ? presentInterfaces() : []
            guard let table = try socket.tables(family: KilnTable.family).first(where: { $0.name == KilnTable.name }) else {
                return KernelRuleset(generation: generation, table: nil, chains: [], rules: [], sets: [], interfaces: interfaces)
            }
            let cached = cache.flatMap {
                $0.matches(namespace: socket.namespaceCookie, table: table.handle, generation: generation) ? $0 : nil
            }
            let sets = try socket.sets(of: table).map { set in
                (set: set, ranges: try cached?.sets[set.name] ?? ranges(of: set, on: socket))
            }
            return KernelRuleset(generation: generation, table: table, chains: try socket.chains(of: table),
                                 rules: try socket.rules(of: table), sets: sets, flowtables: try socket.flowtables(of: table),
                                 interfaces: interfaces)
        } catch let error as NetfilterError {
            throw RouterError(subject: "table \(KilnTable.family) \(KilnTable.name)", message: "cannot read the kernel's ruleset: \(error)",
                              netfilter: error)
        } catch {
            throw RouterError(message: "\(error)")
        }
    }

    /// The calling thread's namespace's interface names (`if_nameindex`; the socket was opened there).
    static func presentInterfaces() -> Set<String> {
        guard let list = if_nameindex() else { return [] }
        defer { if_freenameindex(list) }
        var names: Set<String> = []
        var index = 0
        while list[index].if_index != 0, let name = list[index].if_name {
            names.insert(String(cString: name))
            index += 1
        }
        return names
    }

    /// Dumps an interval set's ranges.
    private static func ranges(of set: NamedSet, on socket: NetlinkSocket) throws -> AddressRanges {
        switch set.keyType {
        case .ipv4Address: .ipv4(try socket.ranges(of: set, as: UInt32.self))
        case .ipv6Address: .ipv6(try socket.ranges(of: set, as: UInt128.self))
        }
    }

    /// The rules of `chain`, in order.
    func rules(in chain: String) -> [Rule] { rules.filter { $0.chain == chain } }
}

extension KernelRuleset {
    /// The rule name in a Kiln comment (`ping [3f9a...]` → `ping`); other comments as they are.
    public static func ruleName(_ comment: String) -> String {
        RuleIdentity.name(fromComment: comment) ?? comment
    }
}
