import Netfilter

/// Kiln's own nftables table, `inet kiln`: the only table the router ever creates, changes or removes.
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
}
