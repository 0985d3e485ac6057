import CLibmnl
import CLibnftnl

/// One nf_tables netlink message, encoded without I/O and with sequence number zero;
/// the socket stamps the real sequence number when it sends.
struct NetlinkMessage: Sendable, Hashable {
    private(set) var bytes: [UInt8]

    /// Copies the message `header` points at (header and payload).
    init(copying header: UnsafePointer<nlmsghdr>) {
        bytes = Array(UnsafeRawBufferPointer(start: header, count: Int(header.pointee.nlmsg_len)))
    }

    /// Wraps bytes that already form one message (a kernel reply, a test fixture).
    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Calls `body` with the message as a netlink header, for the `init(parsing:)` decoders.
    func withHeader<R>(_ body: (UnsafePointer<nlmsghdr>) throws -> R) rethrows -> R {
        // Copied into 4-byte-aligned storage: netlink headers and attributes assume it.
        let storage = UnsafeMutableRawBufferPointer.allocate(byteCount: max(bytes.count, 16), alignment: 8)
        defer { storage.deallocate() }
        storage.copyBytes(from: bytes)
        return try body(UnsafePointer(storage.baseAddress!.assumingMemoryBound(to: nlmsghdr.self)))
    }

    /// Encodes an `NFT_MSG_*` header and lets `payload` append attributes.
    ///
    /// The scratch buffer is `MNL_SOCKET_BUFFER_SIZE` bytes, or `capacity` when larger; libnftnl's
    /// payload builders do not check bounds, so callers validate what they put in (names are at
    /// most 255 bytes) and size `capacity` for what they add (rules, element lists).
    /// - Throws: whatever `payload` throws.
    static func build(
        type: nf_tables_msg_types, family: UInt16, flags: Int32, capacity: Int? = nil,
        payload: (UnsafeMutablePointer<nlmsghdr>) throws -> Void
    ) rethrows -> NetlinkMessage {
        try withScratch(bytes: max(capacity ?? 0, kiln_mnl_socket_buffer_size())) { start in
            let header = nftnl_nlmsg_build_hdr(start, UInt16(type.rawValue), family, UInt16(flags), 0)!
            try payload(header)
            return header
        }
    }

    /// Encodes one message with `encode` in a scratch buffer of `bytes` and copies it out.
    ///
    /// The buffer must start zeroed: libmnl 1.0.4 (Debian 12) leaves an attribute's padding as it
    /// finds it. Zeroing a rule's 64 KiB for every rule cost more than encoding the rule, so only
    /// the first 4 KiB, which hold nearly every message, are zeroed; a message that outgrows them
    /// is encoded again in a wholly zeroed buffer (encoding from a libnftnl object has no side effects).
    private static func withScratch(bytes: Int, _ encode: (UnsafeMutablePointer<CChar>) throws -> UnsafeMutablePointer<nlmsghdr>)
        rethrows -> NetlinkMessage {
        let scratch = UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: 8)
        defer { scratch.deallocate() }
        let start = scratch.bindMemory(to: CChar.self, capacity: bytes)
        var zeroed = min(bytes, 4096)
        while true {
            scratch.initializeMemory(as: UInt8.self, repeating: 0, count: zeroed)
            #if DEBUG
            // Debug builds dirty the rest, so tests see any byte that would be taken from the heap.
            (scratch + zeroed).initializeMemory(as: UInt8.self, repeating: 0xA5, count: bytes - zeroed)
            #endif
            let header = try encode(start)
            if Int(header.pointee.nlmsg_len) <= zeroed || zeroed == bytes { return NetlinkMessage(copying: header) }
            zeroed = bytes
        }
    }

    /// Encodes the `NFNL_MSG_BATCH_BEGIN` (or `_END`) message that frames a batch.
    /// A begin marker may carry the ruleset generation the batch was computed against.
    static func batchBoundary(begin: Bool, sequence: UInt32, generation: UInt32? = nil) -> NetlinkMessage {
        withScratch(bytes: kiln_mnl_socket_buffer_size()) { start in
            let header = begin ? nftnl_batch_begin(start, sequence)! : nftnl_batch_end(start, sequence)!
            if begin, let generation {
                mnl_attr_put_u32(header, UInt16(NFNL_BATCH_GENID.rawValue), generation.bigEndian)
            }
            return header
        }
    }

    /// The message's bytes with `nlmsg_seq` set to `sequence`.
    func stamped(sequence: UInt32) -> [UInt8] {
        var copy = bytes
        let offset = MemoryLayout<nlmsghdr>.offset(of: \.nlmsg_seq)!
        copy.withUnsafeMutableBytes { $0.storeBytes(of: sequence, toByteOffset: offset, as: UInt32.self) }
        return copy
    }
}
