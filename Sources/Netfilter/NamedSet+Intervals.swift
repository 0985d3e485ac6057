import CLibmnl
import CLibnftnl

// Interval sets as packed ranges: encoded to and decoded from the kernel's element pairs
// (a start element, and an interval-end element holding the first key after the range)
// without an intermediate element array, so a 100,000-range set stays a few MB.

extension NamedSet {
    /// Encodes one `NEWSETELEM`/`DELSETELEM` message for `ranges` in `scratch` (at least
    /// `intervalScratchBytes` long), laid out as `nftnl_set_elems_nlmsg_build_payload` lays it out
    /// (set name, table, then the element list).
    /// Written with libmnl directly: an nftnl element object per key would cost a malloc and a
    /// free each, 200,000 of them for a 100,000-range set. (`mnl_attr_put`, `mnl_attr_nest_start`)
    func intervalMessage<Key: IntervalKey>(_ type: nf_tables_msg_types, netlinkFlags: Int32, operation: NetlinkOperation,
                                           ranges: ArraySlice<ClosedRange<Key>>,
                                           scratch: UnsafeMutableRawBufferPointer) throws -> NetlinkMessage {
        guard Key.byteCount == keyType.length else {
            throw NetfilterError(operation, object: description, errno: .invalidArgument,
                                 detail: "\(Key.byteCount)-byte keys for a set of \(keyType.length)-byte keys")
        }
        // The scratch holds at most elementsPerMessage elements of bytesPerElement each plus two
        // names: libmnl does not check bounds, so the names' length is checked here.
        try NameCheck.validate(name, kind: "set", object: description, operation: operation)
        try NameCheck.validate(table, kind: "table", object: description, operation: operation)
        precondition(ranges.count * 2 <= Self.elementsPerMessage && scratch.count >= Self.intervalScratchBytes)
        let header = nftnl_nlmsg_build_hdr(scratch.baseAddress!.assumingMemoryBound(to: CChar.self), UInt16(type.rawValue),
                                           family.protocolNumber, UInt16(netlinkFlags), 0)!
        mnl_attr_put_strz(header, UInt16(NFTA_SET_ELEM_LIST_SET.rawValue), name)
        mnl_attr_put_strz(header, UInt16(NFTA_SET_ELEM_LIST_TABLE.rawValue), table)
        let list = mnl_attr_nest_start(header, UInt16(NFTA_SET_ELEM_LIST_ELEMENTS.rawValue))
        // Ascending, start before end, as `nft` sends them: a key above all present ones finds
        // no element above it and checks for overlap from the tree's first node, one step. On
        // kernel 6.18, 100,000 ranges took 15-20 % less kernel time than highest-first (measured
        // with both orders alternating; perf shows the rb_next walks of nft_rbtree_insert shrink).
        for range in ranges {
            Self.putElement(range.lowerBound, intervalEnd: false, in: header)
            // A range reaching the top of the key space has no end element.
            if range.upperBound < Key.max { Self.putElement(range.upperBound + 1, intervalEnd: true, in: header) }
        }
        mnl_attr_nest_end(header, list)
        return NetlinkMessage(copying: header)
    }

    /// Scratch bytes `intervalMessage` needs: every element at its largest, and the headers.
    static let intervalScratchBytes = 1024 + elementsPerMessage * bytesPerElement

    /// One list entry (`NFTA_LIST_ELEM`, as the kernel itself lists elements; libnftnl numbers
    /// them 1, 2, ... instead, which the kernel accepts but libnftnl's own parser does not read
    /// back): the end flag when it closes a range, then the key, big-endian.
    private static func putElement<Key: IntervalKey>(_ key: Key, intervalEnd: Bool, in header: UnsafeMutablePointer<nlmsghdr>) {
        let element = mnl_attr_nest_start(header, UInt16(NFTA_LIST_ELEM.rawValue))
        if intervalEnd {
            mnl_attr_put_u32(header, UInt16(NFTA_SET_ELEM_FLAGS.rawValue), UInt32(NFT_SET_ELEM_INTERVAL_END.rawValue).bigEndian)
        }
        let keyNest = mnl_attr_nest_start(header, UInt16(NFTA_SET_ELEM_KEY.rawValue))
        withUnsafeBytes(of: key.bigEndian) { mnl_attr_put(header, UInt16(NFTA_DATA_VALUE.rawValue), $0.count, $0.baseAddress) }
        mnl_attr_nest_end(header, keyNest)
        mnl_attr_nest_end(header, element)
    }

    /// Decodes a `NFT_MSG_NEWSETELEM` dump message into `(key, isIntervalEnd)` pairs, appended to `into`.
    /// (`nftnl_set_elems_nlmsg_parse`)
    static func intervalElements<Key: IntervalKey>(parsing header: UnsafePointer<nlmsghdr>,
                                                   into elements: inout [(key: Key, isEnd: Bool)]) throws {
        let object = try NftnlObject(allocate: nftnl_set_alloc, free: nftnl_set_free, operation: .parse, object: "set elements")
        try object.withPointer { set in
            if nftnl_set_elems_nlmsg_parse(header, set) < 0 {
                throw NetfilterError(.parse, object: "set elements", errno: .current)
            }
            guard let iterator = nftnl_set_elems_iter_create(set) else {
                throw NetfilterError(.parse, object: "set elements", errno: .outOfMemory)
            }
            defer { nftnl_set_elems_iter_destroy(iterator) }
            while let element = nftnl_set_elems_iter_next(iterator) {
                var length: UInt32 = 0
                guard let pointer = nftnl_set_elem_get(element, UInt16(NFTNL_SET_ELEM_KEY), &length) else { continue }
                guard let key = Key(networkBytes: UnsafeRawBufferPointer(start: pointer, count: Int(length))) else {
                    throw NetfilterError(.parse, object: "set elements", errno: .protocolError,
                                         detail: "a \(length)-byte key in a set of \(Key.byteCount)-byte keys")
                }
                // nftnl_set_elem_get_u32 dereferences an unset attribute, so ask first.
                let hasFlags = nftnl_set_elem_is_set(element, UInt16(NFTNL_SET_ELEM_FLAGS))
                let flags = hasFlags ? nftnl_set_elem_get_u32(element, UInt16(NFTNL_SET_ELEM_FLAGS)) : 0
                elements.append((key, flags & UInt32(NFT_SET_ELEM_INTERVAL_END.rawValue) != 0))
            }
        }
    }

    /// Rebuilds sorted ranges from an interval set's elements, listed in any order.
    static func ranges<Key: IntervalKey>(from elements: [(key: Key, isEnd: Bool)]) -> [ClosedRange<Key>] {
        // At equal keys an end sorts first: it closes the range before the one starting there.
        let sorted = elements.sorted { $0.key != $1.key ? $0.key < $1.key : ($0.isEnd && !$1.isEnd) }
        var ranges: [ClosedRange<Key>] = []
        ranges.reserveCapacity(sorted.count / 2 + 1)
        var open: Key?
        for element in sorted {
            if element.isEnd {
                if let start = open, element.key > start { ranges.append(start...(element.key - 1)) }
                open = nil
            } else {
                if let start = open { ranges.append(start...start) }  // a start without an end: one key
                open = element.key
            }
        }
        if let start = open { ranges.append(start...Key.max) }  // no end element: reaches the top
        return ranges
    }
}

extension Batch {
    /// Adds the ranges to interval set `set`, in as few messages as the netlink size limits allow.
    /// - Throws: `NetfilterError` (`.add`) when the key width does not match the set's.
    public mutating func add<Key: IntervalKey>(_ ranges: [ClosedRange<Key>], to set: NamedSet) throws {
        try appendIntervals(ranges, of: set, type: NFT_MSG_NEWSETELEM, flags: NLM_F_CREATE | NLM_F_ACK, operation: .add)
    }

    /// Deletes the ranges, each exactly as the set holds it, from interval set `set`.
    /// - Throws: `NetfilterError` (`.delete`) when the key width does not match the set's.
    public mutating func delete<Key: IntervalKey>(_ ranges: [ClosedRange<Key>], from set: NamedSet) throws {
        try appendIntervals(ranges, of: set, type: NFT_MSG_DELSETELEM, flags: NLM_F_ACK, operation: .delete)
    }

    /// About how many bytes `count` ranges of `keyBytes`-byte keys take in a batch: per range a
    /// start and an end element (list entry, key nest and value: 12 + key), and the end's flags
    /// (8); per message its headers and the set's names.
    public static func intervalBytes(_ count: Int, keyBytes: Int) -> Int {
        count * (2 * (12 + keyBytes) + 8) + (count / (NamedSet.elementsPerMessage / 2) + 1) * 128
    }

    private mutating func appendIntervals<Key: IntervalKey>(_ ranges: [ClosedRange<Key>], of set: NamedSet,
                                                            type: nf_tables_msg_types, flags: Int32,
                                                            operation: NetlinkOperation) throws {
        // Two elements per range; the element list nest must stay under 64 KiB.
        guard !ranges.isEmpty else { return }
        let perMessage = NamedSet.elementsPerMessage / 2
        reserve(bytes: Self.intervalBytes(ranges.count, keyBytes: Key.byteCount))
        // One scratch buffer for every message: a fresh 64 KiB each time would make malloc
        // return it to the kernel and fault it in again, message after message.
        let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: NamedSet.intervalScratchBytes, alignment: 8)
        defer { scratch.deallocate() }
        // Zeroed once: libmnl 1.0.4 leaves attribute padding as it finds it, and the only padded
        // attributes (the names) come first, at the same offsets, in every message.
        scratch.initializeMemory(as: UInt8.self, repeating: 0)
        var start = 0
        while start < ranges.count {
            let end = min(ranges.count, start + perMessage)
            let chunk = ranges[start..<end]
            let message = try set.intervalMessage(type, netlinkFlags: flags, operation: operation, ranges: chunk, scratch: scratch)
            append(operation, .named("\(chunk.count) range(s) of \(set)"), message)
            start = end
        }
    }
}

extension NetlinkSocket {
    /// Lists the ranges of interval set `set` as the kernel stores them, sorted.
    /// - Throws: `NetfilterError` (`.list`); `.invalidArgument` when `Key` is not the set's key width.
    ///   (`NFT_MSG_GETSETELEM` dump)
    public func ranges<Key: IntervalKey>(of set: NamedSet, as _: Key.Type) throws -> [ClosedRange<Key>] {
        guard Key.byteCount == set.keyType.length else {
            throw NetfilterError(.list, object: set.description, errno: .invalidArgument,
                                 detail: "\(Key.byteCount)-byte keys for a set of \(set.keyType.length)-byte keys")
        }
        let request = try set.withObject(.list) { object in
            NetlinkMessage.build(type: NFT_MSG_GETSETELEM, family: set.family.protocolNumber, flags: NLM_F_DUMP) {
                nftnl_set_elems_nlmsg_build_payload($0, object)
            }
        }
        var elements: [(key: Key, isEnd: Bool)] = []
        _ = try self.request(request, operation: .list, object: "elements of \(set)") {
            try NamedSet.intervalElements(parsing: $0, into: &elements)
        }
        return NamedSet.ranges(from: elements)
    }
}
