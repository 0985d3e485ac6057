import CLibmnl
import CLibnftnl

// Encoding and decoding of tables through libnftnl (`nftnl_table_*`), and the batch and
// socket operations on them. Chains, rules and sets follow the same pattern in their own files.

extension Table {
    /// `NFT_NAME_MAXLEN` counts the terminating NUL.
    static let maximumNameLength = Int(NFT_NAME_MAXLEN) - 1

    /// Checks what the kernel would reject anyway, before any byte is sent.
    func validate(for operation: NetlinkOperation) throws {
        let length = name.utf8.count
        if length == 0 || name.utf8.contains(0) {
            throw NetfilterError(operation, object: description, errno: .invalidArgument,
                                 detail: "a table name must be non-empty and contain no NUL byte")
        }
        if length > Self.maximumNameLength {
            throw NetfilterError(operation, object: description, errno: .fileNameTooLong,
                                 detail: "a table name has at most \(Self.maximumNameLength) bytes")
        }
    }

    /// Encodes a `NFT_MSG_*TABLE` message; deletions carry the name and, if known, the handle.
    /// (`nftnl_table_nlmsg_build_payload`)
    func message(
        _ type: nf_tables_msg_types, netlinkFlags: Int32, operation: NetlinkOperation
    ) throws -> NetlinkMessage {
        try validate(for: operation)
        let object = try NftnlObject(allocate: nftnl_table_alloc, free: nftnl_table_free,
                                     operation: operation, object: description)
        return try object.withPointer { try encode(into: $0, type, netlinkFlags: netlinkFlags, operation: operation) }
    }

    private func encode(
        into table: OpaquePointer, _ type: nf_tables_msg_types, netlinkFlags: Int32, operation: NetlinkOperation
    ) throws -> NetlinkMessage {
        if nftnl_table_set_str(table, Self.attribute(NFTNL_TABLE_NAME), name) < 0 {
            throw NetfilterError(operation, object: description, errno: .current)
        }
        if operation != .delete {
            nftnl_table_set_u32(table, Self.attribute(NFTNL_TABLE_FLAGS), flags.rawValue)
        } else if let handle {
            // A handle pins the exact table the caller listed, not a namesake created since.
            nftnl_table_set_u64(table, Self.attribute(NFTNL_TABLE_HANDLE), handle)
        }
        return NetlinkMessage.build(type: type, family: family.protocolNumber, flags: netlinkFlags) {
            nftnl_table_nlmsg_build_payload($0, table)
        }
    }

    /// Decodes a `NFT_MSG_NEWTABLE` message from the kernel. (`nftnl_table_nlmsg_parse`)
    /// - Throws: `NetfilterError` (`.parse`) when the message is malformed.
    init(parsing header: UnsafePointer<nlmsghdr>) throws {
        let object = try NftnlObject(allocate: nftnl_table_alloc, free: nftnl_table_free,
                                     operation: .parse, object: "table")
        self = try object.withPointer { try Table(decoding: header, using: $0) }
    }

    private init(decoding header: UnsafePointer<nlmsghdr>, using table: OpaquePointer) throws {
        if nftnl_table_nlmsg_parse(header, table) < 0 {
            throw NetfilterError(.parse, object: "table", errno: .current)
        }
        let isSet = { nftnl_table_is_set(table, Self.attribute($0)) }
        guard isSet(NFTNL_TABLE_NAME), let name = nftnl_table_get_str(table, Self.attribute(NFTNL_TABLE_NAME)) else {
            throw NetfilterError(.parse, object: "table", errno: .protocolError, detail: "no name")
        }
        let number = nftnl_table_get_u32(table, Self.attribute(NFTNL_TABLE_FAMILY))
        guard let family = Family(protocolNumber: number) else {
            throw NetfilterError(.parse, object: "table \(String(cString: name))", errno: .protocolError,
                                 detail: "unknown family \(number)")
        }
        self.init(family: family, name: String(cString: name))
        let u32 = { nftnl_table_get_u32(table, Self.attribute($0)) }
        if isSet(NFTNL_TABLE_FLAGS) { flags = Flags(rawValue: u32(NFTNL_TABLE_FLAGS)) }
        if isSet(NFTNL_TABLE_HANDLE) { handle = nftnl_table_get_u64(table, Self.attribute(NFTNL_TABLE_HANDLE)) }
        if isSet(NFTNL_TABLE_USE) { use = u32(NFTNL_TABLE_USE) }
        if isSet(NFTNL_TABLE_OWNER) { owner = u32(NFTNL_TABLE_OWNER) }
    }

    private static func attribute(_ attribute: nftnl_table_attr) -> UInt16 {
        UInt16(attribute.rawValue)
    }
}

extension Batch {
    /// Adds `table`, or updates its flags if it exists (`nft add table`).
    /// - Throws: `NetfilterError` (`.add`) when the table's name is invalid.
    public mutating func add(_ table: Table) throws {
        let flags = NLM_F_CREATE | NLM_F_ACK
        append(.add, .named(table.description), try table.message(NFT_MSG_NEWTABLE, netlinkFlags: flags, operation: .add))
    }

    /// Creates `table`; the batch fails with `.fileExists` if it exists (`nft create table`).
    /// - Throws: `NetfilterError` (`.create`) when the table's name is invalid.
    public mutating func create(_ table: Table) throws {
        let flags = NLM_F_CREATE | NLM_F_EXCL | NLM_F_ACK
        append(.create, .named(table.description), try table.message(NFT_MSG_NEWTABLE, netlinkFlags: flags, operation: .create))
    }

    /// Deletes `table` with everything in it, by handle when it has one, else by name;
    /// the batch fails with `.noSuchFileOrDirectory` if it does not exist (`nft delete table`).
    /// - Throws: `NetfilterError` (`.delete`) when the table's name is invalid.
    public mutating func delete(_ table: Table) throws {
        let message = try table.message(NFT_MSG_DELTABLE, netlinkFlags: NLM_F_ACK, operation: .delete)
        append(.delete, .named(table.description), message)
    }
}

extension NetlinkSocket {
    /// Lists the tables of `family`, or of every family when `nil`.
    /// - Throws: `NetfilterError` (`.list`) with the kernel's errno. (`NFT_MSG_GETTABLE` dump)
    public func tables(family: Family? = nil) throws -> [Table] {
        let request = NetlinkMessage.build(
            type: NFT_MSG_GETTABLE, family: family?.protocolNumber ?? UInt16(AF_UNSPEC), flags: NLM_F_DUMP,
            payload: { _ in })
        return try self.request(request, operation: .list, object: "tables", parse: Table.init(parsing:))
    }
}
