import Netfilter

/// Kiln's own nftables table, `inet kiln`: the only table the router ever creates, changes or removes.
///
/// The table does not carry the owner flag (`NFT_TABLE_F_OWNER`): the kernel deletes an owned
/// table when the owning socket closes, so a ruleset applied by a one-shot `kiln router apply`
/// would vanish as the command exits, and a daemon's restart would leave the router open.
/// A firewall must outlive the process that configured it.
public enum KilnTable {
    public static let family = Family.inet
    public static let name = "kiln"

    /// Whether the table exists in the socket's network namespace. Wraps a netlink table dump.
    /// - Throws: `NetfilterError`.
    public static func isPresent(on socket: NetlinkSocket) throws -> Bool {
        try socket.tables(family: family).contains { $0.name == name }
    }

    /// Removes Kiln's table, and nothing else, in one batch; does nothing when it is not there.
    /// - Returns: whether a table was removed.
    /// - Throws: `NetfilterError` with the kernel's reason.
    @discardableResult
    public static func remove(on socket: NetlinkSocket) throws -> Bool {
        guard let table = try socket.tables(family: family).first(where: { $0.name == name }) else { return false }
        var batch = Batch()
        try batch.delete(table)
        try socket.send(batch)
        return true
    }

    /// Brings the kernel's `inet kiln` to `config`'s ruleset with one batch holding only the
    /// differences; with `commit: false` the kernel checks the batch and discards it.
    /// - Returns: the change that was sent (empty when the kernel already matched).
    /// - Throws: `RouterError` at the config line of the change the kernel refused, or reporting
    ///   a concurrent ruleset change; in both cases the kernel's ruleset is unchanged.
    ///
    /// `cache` (from a previous apply's `RulesetChange.cache`) spares dumping large sets.
    @discardableResult
    public static func apply(_ config: RouterConfig, on socket: NetlinkSocket, commit: Bool = true,
                             cache: RulesetCache? = nil) throws(RouterError) -> RulesetChange {
        try apply(Ruleset(config: config), file: config.file, on: socket, commit: commit, cache: cache)
    }

    /// Brings the kernel's `inet kiln` to `desired`; `file` is the config errors are located in.
    /// - Throws: `RouterError` as `apply(_:on:commit:cache:)`.
    @discardableResult
    public static func apply(_ desired: Ruleset, file: String, on socket: NetlinkSocket, commit: Bool = true,
                             cache: RulesetCache? = nil) throws(RouterError) -> RulesetChange {
        // Interfaces matter only to a flowtable (it may hold only existing ones).
        let current = try KernelRuleset.read(from: socket, cache: cache, listingInterfaces: !desired.flowtables.isEmpty)
        var change = try RulesetChange(from: current, to: desired)
        do {
            try socket.send(change.batch, generation: change.generation, commit: commit)
            // Without sets there is nothing to cache, so no dump of the tables after the commit either.
            if commit && !desired.sets.isEmpty { change.cache = try cacheAfterCommit(of: change, desired: desired, on: socket) }
            change.discardMessages()
        } catch let error as NetfilterError {
            throw located(error, change: change, file: file)
        } catch {
            throw RouterError(message: "\(error)")
        }
        return change
    }

    /// What the kernel holds right after `change` was committed. A commit increments the
    /// generation by one, so the expected generation is derived, not read: a concurrent commit
    /// in between then makes the cache miss instead of describing someone else's state.
    private static func cacheAfterCommit(of change: RulesetChange, desired: Ruleset, on socket: NetlinkSocket) throws -> RulesetCache? {
        guard let table = try socket.tables(family: family).first(where: { $0.name == name }), let handle = table.handle
        else { return nil }
        let generation = change.batch.isEmpty ? change.generation : change.generation &+ 1
        return RulesetCache(namespace: socket.namespaceCookie, tableHandle: handle, generation: generation,
                            sets: desired.setRanges)
    }

    /// Maps a kernel error back to the config item the refused change was made from.
    static func located(_ error: NetfilterError, change: RulesetChange, file: String) -> RouterError {
        if error.isConcurrentChange {
            return RouterError(message: "the ruleset changed while Kiln computed its update (generation "
                               + "\(change.generation)); nothing was applied, run it again", netfilter: error)
        }
        var reason = error.kernelMessage.map { "\($0) (\(error.errno.message))" } ?? error.errno.message
        guard let index = error.changeIndex, change.origins.indices.contains(index) else {
            return RouterError(file: file, message: "the kernel refused the batch: \(reason)", netfilter: error)
        }
        let origin = change.origins[index]
        if origin.subject == Ruleset.flowOffloadingSubject {
            switch error.errno {
            case .noSuchFileOrDirectory: reason += " (the kernel needs flowtables: nf_flow_table_inet and nft_flow_offload)"
            case .operationNotSupported: reason += " (hardware offload needs every zone interface's card to support it)"
            default: break
            }
        }
        return RouterError(file: file, line: origin.line, subject: origin.subject,
                           message: "\(reason) [\(error.operation) \(error.object ?? "")]", netfilter: error)
    }
}
