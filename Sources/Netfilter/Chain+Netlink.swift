import CLibmnl
import CLibnftnl

// Encoding and decoding of chains through libnftnl (`nftnl_chain_*`).

extension Chain {
    /// Encodes a `NFT_MSG_*CHAIN` message. (`nftnl_chain_nlmsg_build_payload`)
    func message(_ type: nf_tables_msg_types, netlinkFlags: Int32, operation: NetlinkOperation) throws -> NetlinkMessage {
        try NameCheck.validate(name, kind: "chain", object: description, operation: operation)
        let object = try NftnlObject(allocate: nftnl_chain_alloc, free: nftnl_chain_free,
                                     operation: operation, object: description)
        return object.withPointer { chain in
            nftnl_chain_set_str(chain, Self.attribute(NFTNL_CHAIN_TABLE), table)
            nftnl_chain_set_str(chain, Self.attribute(NFTNL_CHAIN_NAME), name)
            if operation == .delete, let handle {
                nftnl_chain_set_u64(chain, Self.attribute(NFTNL_CHAIN_HANDLE), handle)
            } else if operation != .delete, let base {
                nftnl_chain_set_u32(chain, Self.attribute(NFTNL_CHAIN_HOOKNUM), base.hook.number)
                nftnl_chain_set_s32(chain, Self.attribute(NFTNL_CHAIN_PRIO), base.priority)
                nftnl_chain_set_str(chain, Self.attribute(NFTNL_CHAIN_TYPE), base.kind.rawValue)
                nftnl_chain_set_u32(chain, Self.attribute(NFTNL_CHAIN_POLICY), base.policy == .accept ? UInt32(NF_ACCEPT) : UInt32(NF_DROP))
            }
            return NetlinkMessage.build(type: type, family: family.protocolNumber, flags: netlinkFlags) {
                nftnl_chain_nlmsg_build_payload($0, chain)
            }
        }
    }

    /// Decodes a `NFT_MSG_NEWCHAIN` message from the kernel. (`nftnl_chain_nlmsg_parse`)
    /// - Throws: `NetfilterError` (`.parse`) when the message is malformed.
    init(parsing header: UnsafePointer<nlmsghdr>) throws {
        let object = try NftnlObject(allocate: nftnl_chain_alloc, free: nftnl_chain_free,
                                     operation: .parse, object: "chain")
        self = try object.withPointer { chain in
            if nftnl_chain_nlmsg_parse(header, chain) < 0 {
                throw NetfilterError(.parse, object: "chain", errno: .current)
            }
            let string = { (attribute: nftnl_chain_attr) -> String in
                nftnl_chain_get_str(chain, Self.attribute(attribute)).map { String(cString: $0) } ?? ""
            }
            let isSet = { nftnl_chain_is_set(chain, Self.attribute($0)) }
            let number = nftnl_chain_get_u32(chain, Self.attribute(NFTNL_CHAIN_FAMILY))
            guard let family = Family(protocolNumber: number) else {
                throw NetfilterError(.parse, object: "chain", errno: .protocolError, detail: "unknown family \(number)")
            }
            var parsed = Chain(family: family, table: string(NFTNL_CHAIN_TABLE), name: string(NFTNL_CHAIN_NAME))
            if isSet(NFTNL_CHAIN_HANDLE) { parsed.handle = nftnl_chain_get_u64(chain, Self.attribute(NFTNL_CHAIN_HANDLE)) }
            if isSet(NFTNL_CHAIN_HOOKNUM),
               let hook = Hook.allCases.first(where: { $0.number == nftnl_chain_get_u32(chain, Self.attribute(NFTNL_CHAIN_HOOKNUM)) }) {
                let policy = nftnl_chain_get_u32(chain, Self.attribute(NFTNL_CHAIN_POLICY))
                parsed.base = Base(hook: hook, kind: Kind(rawValue: string(NFTNL_CHAIN_TYPE)) ?? .filter,
                                   priority: nftnl_chain_get_s32(chain, Self.attribute(NFTNL_CHAIN_PRIO)),
                                   policy: policy == UInt32(NF_ACCEPT) ? .accept : .drop)
            }
            return parsed
        }
    }

    private static func attribute(_ attribute: nftnl_chain_attr) -> UInt16 { UInt16(attribute.rawValue) }
}

extension Chain.Hook {
    var number: UInt32 {
        switch self {
        case .prerouting: UInt32(NF_INET_PRE_ROUTING.rawValue)
        case .input: UInt32(NF_INET_LOCAL_IN.rawValue)
        case .forward: UInt32(NF_INET_FORWARD.rawValue)
        case .output: UInt32(NF_INET_LOCAL_OUT.rawValue)
        case .postrouting: UInt32(NF_INET_POST_ROUTING.rawValue)
        }
    }
}

extension Batch {
    /// Adds `chain`, or updates a base chain's policy if it exists (`nft add chain`).
    /// - Throws: `NetfilterError` (`.add`) when the chain's name is invalid.
    public mutating func add(_ chain: Chain) throws {
        append(.add, .named(chain.description), try chain.message(NFT_MSG_NEWCHAIN, netlinkFlags: NLM_F_CREATE | NLM_F_ACK, operation: .add))
    }

    /// Deletes `chain`, which must be empty and unreferenced (`nft delete chain`).
    /// - Throws: `NetfilterError` (`.delete`) when the chain's name is invalid.
    public mutating func delete(_ chain: Chain) throws {
        append(.delete, .named(chain.description), try chain.message(NFT_MSG_DELCHAIN, netlinkFlags: NLM_F_ACK, operation: .delete))
    }
}

extension NetlinkSocket {
    /// Lists the chains of `table`.
    /// - Throws: `NetfilterError` (`.list`) with the kernel's errno. (`NFT_MSG_GETCHAIN` dump)
    public func chains(of table: Table) throws -> [Chain] {
        let request = NetlinkMessage.build(type: NFT_MSG_GETCHAIN, family: table.family.protocolNumber,
                                           flags: NLM_F_DUMP, payload: { _ in })
        // The chain dump takes no table filter, so the other tables' chains are dropped here.
        return try self.request(request, operation: .list, object: "chains of \(table)", parse: Chain.init(parsing:))
            .filter { $0.table == table.name }
    }
}
