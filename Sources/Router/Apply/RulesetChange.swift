import Netfilter

/// The one batch that turns the kernel's state of Kiln's table into the desired ruleset, with
/// the config origin of every change so a kernel error can be reported at its config line.
///
/// Rules, set elements and base-chain policies change in place; when chains or set definitions
/// differ, the batch deletes the table and builds it again (still one atomic batch).
public struct RulesetChange: Sendable {
    public private(set) var batch = Batch()
    /// For each entry of `batch`, what in the config it came from.
    public private(set) var origins: [Ruleset.Origin] = []
    /// Whether the table is (re)built from scratch rather than changed in place.
    public private(set) var rebuildsTable = false
    /// The generation the kernel state was read at.
    public let generation: UInt32
    /// After a committed apply: what the kernel holds, for the next apply to skip set dumps.
    public internal(set) var cache: RulesetCache?

    /// Plans the change without I/O.
    /// - Throws: `RouterError` when a desired object cannot be encoded.
    public init(from current: KernelRuleset, to desired: Ruleset) throws(RouterError) {
        generation = current.generation
        // A flowtable holds only interfaces that exist (the kernel refuses others): one that is
        // not there yet (a PPP or VPN link) must not keep the whole firewall out.
        var desired = desired
        for index in desired.flowtables.indices {
            desired.flowtables[index].flowtable.devices.removeAll { !current.interfaces.contains($0) }
        }
        do {
            if let table = current.table, Self.structureMatches(current, desired) {
                try updateInPlace(current, desired, table: table)
            } else {
                rebuildsTable = true
                if let table = current.table { try record(Ruleset.Origin("table \(table.family) \(table.name)")) { try $0.delete(table) } }
                try build(desired)
            }
        } catch let error as RouterError {
            throw error
        } catch let error as NetfilterError {
            throw RouterError(message: "cannot encode the ruleset: \(error)", netfilter: error)
        } catch {
            throw RouterError(message: "\(error)")
        }
    }

    /// Frees the batch's encoded messages once sent (a 100,000-range set's are 4 MB).
    mutating func discardMessages() { batch.discardMessages() }

    /// Appends one or more batch entries made by `body`, all attributed to `origin`.
    mutating func record(_ origin: Ruleset.Origin, _ body: (inout Batch) throws -> Void) throws {
        let before = batch.count
        try body(&batch)
        origins += Array(repeating: origin, count: batch.count - before)
    }

    /// Chains match by name and hook, type and priority (policies may differ); sets by definition.
    private static func structureMatches(_ current: KernelRuleset, _ desired: Ruleset) -> Bool {
        // Compared as values: interpolating the enums into strings went through reflection.
        struct Shape: Hashable { let name: String, hook: Chain.Hook?, kind: Chain.Kind?, priority: Int32? }
        struct Definition: Hashable { let name: String, keyType: NamedSet.KeyType, isInterval: Bool }
        func shape(_ chain: Chain) -> Shape {
            Shape(name: chain.name, hook: chain.base?.hook, kind: chain.base?.kind, priority: chain.base?.priority)
        }
        func definition(_ set: NamedSet) -> Definition { Definition(name: set.name, keyType: set.keyType, isInterval: set.isInterval) }
        let flowtablesMatch = current.flowtables.count == desired.flowtables.count
            && zip(current.flowtables.sorted { $0.name < $1.name }, desired.flowtables.map(\.flowtable).sorted { $0.name < $1.name })
                .allSatisfy { $0.hasSameDefinition(as: $1) }
        return flowtablesMatch && Set(current.chains.map(shape)) == Set(desired.chains.map(shape))
            && Set(current.sets.map { definition($0.set) }) == Set(desired.sets.map { definition($0.set) })
    }

    private mutating func build(_ desired: Ruleset) throws {
        // The whole batch at once: a 100,000-range set's 4 MB of messages, then rules after it,
        // must not regrow the buffer (a second, 8 MB copy at the peak).
        batch.reserve(bytes: desired.sets.reduce(4096) { total, contents in
            total + Batch.intervalBytes(contents.ranges.count, keyBytes: contents.ranges.version == .ipv4 ? 4 : 16)
        } + (desired.rules.count + desired.chains.count + desired.flowtables.count) * 1024)
        try record(Ruleset.Origin("table \(desired.table.family) \(desired.table.name)")) { try $0.add(desired.table) }
        for contents in desired.sets {
            try record(contents.origin) { batch in
                try batch.add(contents.set)
                try contents.ranges.append(to: &batch, set: contents.set)
            }
        }
        // Before the chains: the offload rules name the flowtable.
        for entry in desired.flowtables { try record(entry.origin) { try $0.add(entry.flowtable) } }
        for chain in desired.chains { try record(Ruleset.Origin(chain.description)) { try $0.add(chain) } }
        for entry in desired.rules { try record(entry.origin) { try $0.add(entry.rule) } }
    }
}
