import CLibmnl

/// An ordered list of ruleset changes that the kernel applies all together or not at all.
///
/// Building a batch does no I/O: each change is validated and encoded when it is added, so a
/// batch can be inspected (a dry run, a `check`) before `NetlinkSocket.send(_:)` transmits it,
/// framed by `NFNL_MSG_BATCH_BEGIN`/`END`, in one `sendmsg`.
///
/// The messages are kept back to back in one buffer, already numbered: position 1 is the begin
/// marker, change `i` has sequence number `i + 2`. The buffer is what the kernel receives, so
/// sending a 100,000-range set needs no second copy of its 4 MB of messages. Numbers repeat
/// between batches; that is safe because `send` reads every reply to a batch before it returns.
public struct Batch: Sendable, Hashable {
    /// The changes, in the order the kernel applies them.
    public private(set) var entries: [Entry] = []
    /// The encoded changes.
    private(set) var messages: [UInt8] = []

    public init() {}

    /// How many changes (netlink messages between the begin and end markers) the batch holds.
    public var count: Int { entries.count }

    /// Whether the batch holds no change; sending an empty batch does nothing.
    public var isEmpty: Bool { entries.isEmpty }

    /// The begin marker's sequence number; changes follow it, then the end marker.
    static let beginSequence: UInt32 = 1

    /// The sequence number of the change at `index`.
    static func sequence(ofChange index: Int) -> UInt32 { beginSequence + 1 + UInt32(index) }

    mutating func append(_ operation: NetlinkOperation, _ subject: Subject, _ message: NetlinkMessage) {
        let start = messages.count
        messages += message.bytes
        numberLast(operation, subject, from: start)
    }

    /// Appends one change that `encode` writes straight into the batch's buffer: `length` zeroed
    /// bytes, which it fills with exactly one message.
    mutating func append(_ operation: NetlinkOperation, _ subject: Subject, length: Int,
                         encoding encode: (UnsafeMutableRawBufferPointer) -> Void) {
        let start = messages.count
        messages.append(contentsOf: repeatElement(0, count: length))
        messages.withUnsafeMutableBytes { encode(UnsafeMutableRawBufferPointer(rebasing: $0[start...])) }
        numberLast(operation, subject, from: start)
    }

    /// Numbers the message that starts at `start` and runs to the end of the buffer, makes it
    /// the one that asks for an acknowledgement, and records it as a change.
    private mutating func numberLast(_ operation: NetlinkOperation, _ subject: Subject, from start: Int) {
        let sequence = Self.sequence(ofChange: entries.count)
        let previous = entries.last?.range.lowerBound
        messages.withUnsafeMutableBytes { bytes in
            bytes.storeBytes(of: sequence, toByteOffset: start + Self.sequenceOffset, as: UInt32.self)
            // Only the last change asks for an acknowledgement. The kernel reports every refused
            // change whatever its flags, and handles a batch inside one sendmsg, so the last
            // change's acknowledgement proves the batch was read to its end; an acknowledgement per
            // change would cost the kernel a reply, and Kiln a read, for each of them.
            Self.setAcknowledgement(true, in: bytes, at: start)
            if let previous { Self.setAcknowledgement(false, in: bytes, at: previous) }
        }
        entries.append(Entry(operation: operation, subject: subject, range: start..<messages.count))
    }

    private static let sequenceOffset = MemoryLayout<nlmsghdr>.offset(of: \.nlmsg_seq)!
    private static let flagsOffset = MemoryLayout<nlmsghdr>.offset(of: \.nlmsg_flags)!

    private static func setAcknowledgement(_ wanted: Bool, in bytes: UnsafeMutableRawBufferPointer, at start: Int) {
        let flags = bytes.loadUnaligned(fromByteOffset: start + flagsOffset, as: UInt16.self)
        let ack = UInt16(NLM_F_ACK)
        bytes.storeBytes(of: wanted ? flags | ack : flags & ~ack, toByteOffset: start + flagsOffset, as: UInt16.self)
    }

    /// Makes room for `bytes` more of messages, so a large set's messages do not grow the
    /// buffer by doubling (which holds old and new copies at once, and touches both).
    public mutating func reserve(bytes: Int) {
        let needed = messages.count + bytes
        // Geometric, like appending: an exact reservation each time would copy the buffer each time.
        if needed > messages.capacity { messages.reserveCapacity(max(needed, messages.capacity * 2)) }
    }

    /// Frees the encoded messages of a batch that was sent; `entries` still tell what it did.
    public mutating func discardMessages() {
        messages = []
    }

    /// The begin marker: `generation` goes into it (`NFNL_BATCH_GENID`).
    func beginMarker(generation: UInt32?) -> [UInt8] {
        NetlinkMessage.batchBoundary(begin: true, sequence: Self.beginSequence, generation: generation).bytes
    }

    /// The end marker, which makes nfnetlink commit; without it the kernel validates every change
    /// and then aborts the batch.
    var endMarker: [UInt8] {
        NetlinkMessage.batchBoundary(begin: false, sequence: Self.sequence(ofChange: entries.count)).bytes
    }

    /// The encoded message of the change at `index`.
    func message(at index: Int) -> NetlinkMessage { NetlinkMessage(bytes: Array(messages[entries[index].range])) }
}
