import CLibmnl
import CLibnftnl

// Encoding and decoding of sets and their elements through libnftnl (`nftnl_set_*`).

extension NamedSet {
    /// Elements per `NEWSETELEM`/`DELSETELEM` message: the element list is one nested attribute,
    /// whose length must stay under 64 KiB; an IPv6 element takes about 50 bytes.
    static let elementsPerMessage = 1000
    static let bytesPerElement = 64

    /// Allocates an `nftnl_set` naming this set and lets `body` fill and encode it.
    func withObject<R>(_ operation: NetlinkOperation, _ body: (OpaquePointer) throws -> R) throws -> R {
        try NameCheck.validate(name, kind: "set", object: description, operation: operation)
        let object = try NftnlObject(allocate: nftnl_set_alloc, free: nftnl_set_free,
                                     operation: operation, object: description)
        return try object.withPointer { set in
            nftnl_set_set_str(set, Self.attribute(NFTNL_SET_TABLE), table)
            nftnl_set_set_str(set, Self.attribute(NFTNL_SET_NAME), name)
            nftnl_set_set_u32(set, Self.attribute(NFTNL_SET_FAMILY), UInt32(family.protocolNumber))
            return try body(set)
        }
    }

    /// Encodes `NFT_MSG_NEWSET` / `DELSET`. (`nftnl_set_nlmsg_build_payload`)
    func message(_ type: nf_tables_msg_types, netlinkFlags: Int32, operation: NetlinkOperation) throws -> NetlinkMessage {
        try withObject(operation) { set in
            if operation != .delete {
                nftnl_set_set_u32(set, Self.attribute(NFTNL_SET_KEY_TYPE), keyType == .ipv4Address ? 7 : 8)  // TYPE_IPADDR, TYPE_IP6ADDR
                nftnl_set_set_u32(set, Self.attribute(NFTNL_SET_KEY_LEN), UInt32(keyType.length))
                nftnl_set_set_u32(set, Self.attribute(NFTNL_SET_FLAGS), isInterval ? UInt32(NFT_SET_INTERVAL.rawValue) : 0)
                // The kernel requires a transaction-local id, which rules could refer to instead of the name.
                nftnl_set_set_u32(set, Self.attribute(NFTNL_SET_ID), transactionID)
            }
            return NetlinkMessage.build(type: type, family: family.protocolNumber, flags: netlinkFlags) {
                nftnl_set_nlmsg_build_payload($0, set)
            }
        }
    }

    /// Encodes one `NFT_MSG_NEWSETELEM` / `DELSETELEM` carrying `elements`.
    /// (`nftnl_set_elems_nlmsg_build_payload`)
    func elementMessage(_ type: nf_tables_msg_types, netlinkFlags: Int32, operation: NetlinkOperation,
                        elements: ArraySlice<SetElement>) throws -> NetlinkMessage {
        try withObject(operation) { set in
            for element in elements {
                guard element.key.count == keyType.length else {
                    throw NetfilterError(operation, object: description, errno: .invalidArgument,
                                         detail: "element \(element) is not \(keyType.length) bytes long")
                }
                guard let object = nftnl_set_elem_alloc() else {
                    throw NetfilterError(operation, object: description, errno: .outOfMemory)
                }
                element.key.withUnsafeBytes {
                    _ = nftnl_set_elem_set(object, UInt16(NFTNL_SET_ELEM_KEY), $0.baseAddress, UInt32($0.count))
                }
                if element.isIntervalEnd {
                    nftnl_set_elem_set_u32(object, UInt16(NFTNL_SET_ELEM_FLAGS), UInt32(NFT_SET_ELEM_INTERVAL_END.rawValue))
                }
                nftnl_set_elem_add(set, object)
            }
            return NetlinkMessage.build(type: type, family: family.protocolNumber, flags: netlinkFlags,
                                        capacity: 256 + elements.count * Self.bytesPerElement) {
                nftnl_set_elems_nlmsg_build_payload($0, set)
            }
        }
    }

    /// Decodes a `NFT_MSG_NEWSET` message. (`nftnl_set_nlmsg_parse`)
    init(parsing header: UnsafePointer<nlmsghdr>) throws {
        let object = try NftnlObject(allocate: nftnl_set_alloc, free: nftnl_set_free, operation: .parse, object: "set")
        self = try object.withPointer { set in
            if nftnl_set_nlmsg_parse(header, set) < 0 { throw NetfilterError(.parse, object: "set", errno: .current) }
            let string = { nftnl_set_get_str(set, Self.attribute($0)).map { String(cString: $0) } ?? "" }
            let u32 = { nftnl_set_get_u32(set, Self.attribute($0)) }
            guard let family = Family(protocolNumber: u32(NFTNL_SET_FAMILY)) else {
                throw NetfilterError(.parse, object: "set", errno: .protocolError, detail: "unknown family")
            }
            // Sets Kiln did not make may have other key types; they read as IPv4 here and are
            // recognised as different by their key length.
            let keyType: KeyType = u32(NFTNL_SET_KEY_LEN) == 16 ? .ipv6Address : .ipv4Address
            var parsed = NamedSet(family: family, table: string(NFTNL_SET_TABLE), name: string(NFTNL_SET_NAME),
                                  keyType: keyType, isInterval: u32(NFTNL_SET_FLAGS) & UInt32(NFT_SET_INTERVAL.rawValue) != 0)
            parsed.handle = nftnl_set_get_u64(set, Self.attribute(NFTNL_SET_HANDLE))
            return parsed
        }
    }

    /// Decodes a `NFT_MSG_NEWSETELEM` dump message into its elements. (`nftnl_set_elems_nlmsg_parse`)
    static func elements(parsing header: UnsafePointer<nlmsghdr>) throws -> [SetElement] {
        let object = try NftnlObject(allocate: nftnl_set_alloc, free: nftnl_set_free, operation: .parse, object: "set elements")
        return try object.withPointer { set in
            if nftnl_set_elems_nlmsg_parse(header, set) < 0 {
                throw NetfilterError(.parse, object: "set elements", errno: .current)
            }
            guard let iterator = nftnl_set_elems_iter_create(set) else {
                throw NetfilterError(.parse, object: "set elements", errno: .outOfMemory)
            }
            defer { nftnl_set_elems_iter_destroy(iterator) }
            var result: [SetElement] = []
            while let element = nftnl_set_elems_iter_next(iterator) {
                var length: UInt32 = 0
                guard let key = nftnl_set_elem_get(element, UInt16(NFTNL_SET_ELEM_KEY), &length) else { continue }
                // nftnl_set_elem_get_u32 dereferences an unset attribute, so ask first.
                let hasFlags = nftnl_set_elem_is_set(element, UInt16(NFTNL_SET_ELEM_FLAGS))
                let flags = hasFlags ? nftnl_set_elem_get_u32(element, UInt16(NFTNL_SET_ELEM_FLAGS)) : 0
                result.append(SetElement(key: Array(UnsafeRawBufferPointer(start: key, count: Int(length))),
                                         isIntervalEnd: flags & UInt32(NFT_SET_ELEM_INTERVAL_END.rawValue) != 0))
            }
            return result
        }
    }

    /// A per-batch id derived from the name, so equal sets get equal messages.
    var transactionID: UInt32 { name.utf8.reduce(UInt32(2_166_136_261)) { ($0 ^ UInt32($1)) &* 16_777_619 } }

    private static func attribute(_ attribute: nftnl_set_attr) -> UInt16 { UInt16(attribute.rawValue) }
}

extension Batch {
    /// Adds `set` (empty), or leaves an identical one as it is (`nft add set`).
    /// - Throws: `NetfilterError` (`.add`) when the set's name is invalid.
    public mutating func add(_ set: NamedSet) throws {
        append(.add, set.description, try set.message(NFT_MSG_NEWSET, netlinkFlags: NLM_F_CREATE | NLM_F_ACK, operation: .add))
    }

    /// Deletes `set` with its elements; no rule may refer to it (`nft delete set`).
    /// - Throws: `NetfilterError` (`.delete`) when the set's name is invalid.
    public mutating func delete(_ set: NamedSet) throws {
        append(.delete, set.description, try set.message(NFT_MSG_DELSET, netlinkFlags: NLM_F_ACK, operation: .delete))
    }

    /// Adds `elements` to `set`, in as few messages as the netlink size limits allow.
    /// - Throws: `NetfilterError` (`.add`) when a key has the wrong length.
    public mutating func add(_ elements: [SetElement], to set: NamedSet) throws {
        try appendElements(elements, of: set, type: NFT_MSG_NEWSETELEM, flags: NLM_F_CREATE | NLM_F_ACK, operation: .add)
    }

    /// Deletes `elements` from `set`; each must exist.
    /// - Throws: `NetfilterError` (`.delete`) when a key has the wrong length.
    public mutating func delete(_ elements: [SetElement], from set: NamedSet) throws {
        try appendElements(elements, of: set, type: NFT_MSG_DELSETELEM, flags: NLM_F_ACK, operation: .delete)
    }

    private mutating func appendElements(_ elements: [SetElement], of set: NamedSet, type: nf_tables_msg_types,
                                         flags: Int32, operation: NetlinkOperation) throws {
        var start = 0
        while start < elements.count {
            var end = min(start + NamedSet.elementsPerMessage, elements.count)
            // An interval's start and end travel in one message, so a range is never split.
            if end < elements.count, elements[end].isIntervalEnd { end += 1 }
            let chunk = elements[start..<end]
            let message = try set.elementMessage(type, netlinkFlags: flags, operation: operation, elements: chunk)
            append(operation, "elements \(chunk.first!)... (\(chunk.count)) of \(set)", message)
            start = end
        }
    }
}

extension NetlinkSocket {
    /// Lists the sets of `table`.
    /// - Throws: `NetfilterError` (`.list`). (`NFT_MSG_GETSET` dump)
    public func sets(of table: Table) throws -> [NamedSet] {
        let filter = NamedSet(family: table.family, table: table.name, name: "-", keyType: .ipv4Address)
        let request = try filter.withObject(.list) { set in
            nftnl_set_unset(set, UInt16(NFTNL_SET_NAME.rawValue))
            return NetlinkMessage.build(type: NFT_MSG_GETSET, family: table.family.protocolNumber, flags: NLM_F_DUMP) {
                nftnl_set_nlmsg_build_payload($0, set)
            }
        }
        return try self.request(request, operation: .list, object: "sets of \(table)", parse: NamedSet.init(parsing:))
    }

    /// Lists the elements of `set` as the kernel stores them.
    /// - Throws: `NetfilterError` (`.list`). (`NFT_MSG_GETSETELEM` dump)
    public func elements(of set: NamedSet) throws -> [SetElement] {
        let request = try set.withObject(.list) { object in
            NetlinkMessage.build(type: NFT_MSG_GETSETELEM, family: set.family.protocolNumber, flags: NLM_F_DUMP) {
                nftnl_set_elems_nlmsg_build_payload($0, object)
            }
        }
        return try self.request(request, operation: .list, object: "elements of \(set)",
                                parse: NamedSet.elements(parsing:)).flatMap { $0 }
    }
}
