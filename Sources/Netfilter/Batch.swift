/// An ordered list of ruleset changes that the kernel applies all together or not at all.
///
/// Building a batch does no I/O: each change is validated and encoded when it is added, so a
/// batch can be inspected (a dry run, a `check`) before `NetlinkSocket.send(_:)` transmits it,
/// framed by `NFNL_MSG_BATCH_BEGIN`/`END`, in one `sendmsg`.
public struct Batch: Sendable, Hashable {
    /// The changes, in the order the kernel applies them.
    public private(set) var entries: [Entry] = []

    public init() {}

    /// How many changes (netlink messages between the begin and end markers) the batch holds.
    public var count: Int { entries.count }

    /// Whether the batch holds no change; sending an empty batch does nothing.
    public var isEmpty: Bool { entries.isEmpty }

    mutating func append(_ operation: NetlinkOperation, _ object: String, _ message: NetlinkMessage) {
        entries.append(Entry(operation: operation, object: object, message: message))
    }

    /// The datagram: begin marker, each change, end marker, numbered from `firstSequence` on.
    ///
    /// `generation` goes into the begin marker (`NFNL_BATCH_GENID`). Without `commit` the end
    /// marker is left out: nfnetlink then validates every change and aborts instead of committing.
    func encoded(firstSequence: UInt32, generation: UInt32? = nil, commit: Bool = true) -> [UInt8] {
        var bytes = NetlinkMessage.batchBoundary(begin: true, sequence: firstSequence, generation: generation).bytes
        for (index, entry) in entries.enumerated() {
            bytes += entry.message.stamped(sequence: firstSequence &+ UInt32(index + 1))
        }
        guard commit else { return bytes }
        let endSequence = firstSequence &+ UInt32(entries.count + 1)
        bytes += NetlinkMessage.batchBoundary(begin: false, sequence: endSequence).bytes
        return bytes
    }
}
