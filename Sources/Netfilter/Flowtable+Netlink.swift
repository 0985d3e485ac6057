import CLibmnl
import CLibnftnl
import Glibc

// Encoding and decoding of flowtables through libnftnl (`nftnl_flowtable_*`).

extension Flowtable {
    /// Allocates an `nftnl_flowtable` naming this flowtable and lets `body` fill and encode it.
    func withObject<R>(_ operation: NetlinkOperation, _ body: (OpaquePointer) throws -> R) throws -> R {
        try NameCheck.validate(name, kind: "flowtable", object: description, operation: operation)
        let object = try NftnlObject(allocate: nftnl_flowtable_alloc, free: nftnl_flowtable_free,
                                     operation: operation, object: description)
        return try object.withPointer { flowtable in
            nftnl_flowtable_set_str(flowtable, Self.attribute(NFTNL_FLOWTABLE_TABLE), table)
            nftnl_flowtable_set_str(flowtable, Self.attribute(NFTNL_FLOWTABLE_NAME), name)
            nftnl_flowtable_set_u32(flowtable, Self.attribute(NFTNL_FLOWTABLE_FAMILY), UInt32(family.protocolNumber))
            return try body(flowtable)
        }
    }

    /// Encodes `NFT_MSG_NEWFLOWTABLE` / `DELFLOWTABLE`. (`nftnl_flowtable_nlmsg_build_payload`)
    func message(_ type: nf_tables_msg_types, netlinkFlags: Int32, operation: NetlinkOperation) throws -> NetlinkMessage {
        for device in devices where device.isEmpty || device.utf8.count > 15 || device.utf8.contains(0) {
            throw NetfilterError(operation, object: description, errno: .invalidArgument,
                                 detail: "device name '\(device)' must be 1-15 bytes")
        }
        return try withObject(operation) { flowtable in
            if operation != .delete {
                nftnl_flowtable_set_u32(flowtable, Self.attribute(NFTNL_FLOWTABLE_HOOKNUM), UInt32(NF_NETDEV_INGRESS.rawValue))
                nftnl_flowtable_set_s32(flowtable, Self.attribute(NFTNL_FLOWTABLE_PRIO), priority)
                nftnl_flowtable_set_u32(flowtable, Self.attribute(NFTNL_FLOWTABLE_FLAGS),
                                        hardwareOffload ? UInt32(NFT_FLOWTABLE_HW_OFFLOAD.rawValue) : 0)
                // libnftnl copies the NULL-terminated array and its strings.
                var names = devices.map { strdup($0).map { UnsafePointer($0) } } + [nil]
                defer { for name in names { free(UnsafeMutablePointer(mutating: name)) } }
                guard names.dropLast().allSatisfy({ $0 != nil }),
                      nftnl_flowtable_set_array(flowtable, Self.attribute(NFTNL_FLOWTABLE_DEVICES), &names) == 0 else {
                    throw NetfilterError(operation, object: description, errno: .outOfMemory, detail: "devices")
                }
            }
            return NetlinkMessage.build(type: type, family: family.protocolNumber, flags: netlinkFlags) {
                nftnl_flowtable_nlmsg_build_payload($0, flowtable)
            }
        }
    }

    /// Decodes a `NFT_MSG_NEWFLOWTABLE` message. (`nftnl_flowtable_nlmsg_parse`)
    init(parsing header: UnsafePointer<nlmsghdr>) throws {
        let object = try NftnlObject(allocate: nftnl_flowtable_alloc, free: nftnl_flowtable_free, operation: .parse,
                                     object: "flowtable")
        self = try object.withPointer { flowtable in
            if nftnl_flowtable_nlmsg_parse(header, flowtable) < 0 {
                throw NetfilterError(.parse, object: "flowtable", errno: .current)
            }
            let string = { nftnl_flowtable_get_str(flowtable, Self.attribute($0)).map { String(cString: $0) } ?? "" }
            let number = nftnl_flowtable_get_u32(flowtable, Self.attribute(NFTNL_FLOWTABLE_FAMILY))
            guard let family = Family(protocolNumber: number) else {
                throw NetfilterError(.parse, object: "flowtable", errno: .protocolError, detail: "unknown family \(number)")
            }
            var devices: [String] = []
            if let array = nftnl_flowtable_get_array(flowtable, Self.attribute(NFTNL_FLOWTABLE_DEVICES)) {
                var index = 0
                while let device = array[index] { devices.append(String(cString: device)); index += 1 }
            }
            let flags = nftnl_flowtable_get_u32(flowtable, Self.attribute(NFTNL_FLOWTABLE_FLAGS))
            return Flowtable(family: family, table: string(NFTNL_FLOWTABLE_TABLE), name: string(NFTNL_FLOWTABLE_NAME),
                             priority: nftnl_flowtable_get_s32(flowtable, Self.attribute(NFTNL_FLOWTABLE_PRIO)),
                             devices: devices, hardwareOffload: flags & UInt32(NFT_FLOWTABLE_HW_OFFLOAD.rawValue) != 0,
                             handle: nftnl_flowtable_get_u64(flowtable, Self.attribute(NFTNL_FLOWTABLE_HANDLE)))
        }
    }

    private static func attribute(_ attribute: nftnl_flowtable_attr) -> UInt16 { UInt16(attribute.rawValue) }
}

extension Batch {
    /// Adds `flowtable`, or leaves an identical one as it is (`nft add flowtable`).
    /// - Throws: `NetfilterError` (`.add`) when a name is invalid.
    public mutating func add(_ flowtable: Flowtable) throws {
        append(.add, .named(flowtable.description),
               try flowtable.message(NFT_MSG_NEWFLOWTABLE, netlinkFlags: NLM_F_CREATE | NLM_F_ACK, operation: .add))
    }

    /// Deletes `flowtable`; no rule may refer to it (`nft delete flowtable`).
    /// - Throws: `NetfilterError` (`.delete`) when a name is invalid.
    public mutating func delete(_ flowtable: Flowtable) throws {
        append(.delete, .named(flowtable.description),
               try flowtable.message(NFT_MSG_DELFLOWTABLE, netlinkFlags: NLM_F_ACK, operation: .delete))
    }
}

extension NetlinkSocket {
    /// Lists the flowtables of `table`.
    /// - Throws: `NetfilterError` (`.list`). (`NFT_MSG_GETFLOWTABLE` dump)
    public func flowtables(of table: Table) throws -> [Flowtable] {
        let request = NetlinkMessage.build(type: NFT_MSG_GETFLOWTABLE, family: table.family.protocolNumber,
                                           flags: NLM_F_DUMP, payload: { _ in })
        // The dump covers every table of the family; keep this table's.
        return try self.request(request, operation: .list, object: "flowtables of \(table)", parse: Flowtable.init(parsing:))
            .filter { $0.table == table.name }
    }
}
