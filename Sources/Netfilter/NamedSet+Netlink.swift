import CLibmnl
import CLibnftnl

// Encoding and decoding of sets and their elements through libnftnl (`nftnl_set_*`).

extension NamedSet {
    /// Elements per `NEWSETELEM`/`DELSETELEM` message: the element list is one nested attribute,
    /// whose length must stay under 64 KiB; an IPv6 element takes at most 36 bytes.
    static let elementsPerMessage = 1000

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

    /// A per-batch id derived from the name, so equal sets get equal messages.
    var transactionID: UInt32 { name.utf8.reduce(UInt32(2_166_136_261)) { ($0 ^ UInt32($1)) &* 16_777_619 } }

    private static func attribute(_ attribute: nftnl_set_attr) -> UInt16 { UInt16(attribute.rawValue) }
}

extension Batch {
    /// Adds `set` (empty), or leaves an identical one as it is (`nft add set`).
    /// - Throws: `NetfilterError` (`.add`) when the set's name is invalid.
    public mutating func add(_ set: NamedSet) throws {
        append(.add, .named(set.description), try set.message(NFT_MSG_NEWSET, netlinkFlags: NLM_F_CREATE | NLM_F_ACK, operation: .add))
    }

    /// Deletes `set` with its elements; no rule may refer to it (`nft delete set`).
    /// - Throws: `NetfilterError` (`.delete`) when the set's name is invalid.
    public mutating func delete(_ set: NamedSet) throws {
        append(.delete, .named(set.description), try set.message(NFT_MSG_DELSET, netlinkFlags: NLM_F_ACK, operation: .delete))
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
}
