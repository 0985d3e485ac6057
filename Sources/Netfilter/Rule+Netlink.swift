import CLibmnl
import CLibnftnl

// Encoding and decoding of rules through libnftnl (`nftnl_rule_*`).

extension Rule {
    /// The longest comment: the user-data length byte also counts the terminating NUL.
    static let maximumCommentLength = 254

    /// Encodes a `NFT_MSG_*RULE` message. (`nftnl_rule_nlmsg_build_payload`)
    func message(_ type: nf_tables_msg_types, netlinkFlags: Int32, operation: NetlinkOperation,
                 position: UInt64? = nil) throws -> NetlinkMessage {
        try validate(operation)
        let object = try NftnlObject(allocate: nftnl_rule_alloc, free: nftnl_rule_free,
                                     operation: operation, object: description)
        return try object.withPointer { rule in
            nftnl_rule_set_u32(rule, Self.attribute(NFTNL_RULE_FAMILY), UInt32(family.protocolNumber))
            nftnl_rule_set_str(rule, Self.attribute(NFTNL_RULE_TABLE), table)
            nftnl_rule_set_str(rule, Self.attribute(NFTNL_RULE_CHAIN), chain)
            if operation == .delete {
                if let handle { nftnl_rule_set_u64(rule, Self.attribute(NFTNL_RULE_HANDLE), handle) }
            } else {
                if let position { nftnl_rule_set_u64(rule, Self.attribute(NFTNL_RULE_POSITION), position) }
                if let comment {
                    RuleComment.encode(comment).withUnsafeBytes {
                        _ = nftnl_rule_set_data(rule, Self.attribute(NFTNL_RULE_USERDATA), $0.baseAddress, UInt32($0.count))
                    }
                }
                for expression in expressions { try expression.append(to: rule, object: description) }
            }
            // A rule holds at most a few dozen expressions; 64 KiB is the netlink message limit.
            return NetlinkMessage.build(type: type, family: family.protocolNumber, flags: netlinkFlags,
                                        capacity: 65_536) { nftnl_rule_nlmsg_build_payload($0, rule) }
        }
    }

    private func validate(_ operation: NetlinkOperation) throws {
        if let comment, comment.utf8.count > Self.maximumCommentLength || comment.utf8.contains(0) {
            throw NetfilterError(operation, object: description, errno: .invalidArgument,
                                 detail: "a rule comment has at most \(Self.maximumCommentLength) bytes and no NUL")
        }
        if operation == .delete, handle == nil {
            throw NetfilterError(operation, object: description, errno: .invalidArgument,
                                 detail: "a rule is deleted by its handle, and this one has none")
        }
    }

    /// Decodes a `NFT_MSG_NEWRULE` message: location, handle, comment and counter totals.
    /// (`nftnl_rule_nlmsg_parse`)
    /// - Throws: `NetfilterError` (`.parse`) when the message is malformed.
    init(parsing header: UnsafePointer<nlmsghdr>) throws {
        let object = try NftnlObject(allocate: nftnl_rule_alloc, free: nftnl_rule_free,
                                     operation: .parse, object: "rule")
        self = try object.withPointer { rule in
            if nftnl_rule_nlmsg_parse(header, rule) < 0 {
                throw NetfilterError(.parse, object: "rule", errno: .current)
            }
            let string = { (attribute: nftnl_rule_attr) -> String in
                nftnl_rule_get_str(rule, Self.attribute(attribute)).map { String(cString: $0) } ?? ""
            }
            let number = nftnl_rule_get_u32(rule, Self.attribute(NFTNL_RULE_FAMILY))
            guard let family = Family(protocolNumber: number) else {
                throw NetfilterError(.parse, object: "rule", errno: .protocolError, detail: "unknown family \(number)")
            }
            var parsed = Rule(family: family, table: string(NFTNL_RULE_TABLE), chain: string(NFTNL_RULE_CHAIN))
            parsed.handle = nftnl_rule_get_u64(rule, Self.attribute(NFTNL_RULE_HANDLE))
            var length: UInt32 = 0
            if let data = nftnl_rule_get_data(rule, Self.attribute(NFTNL_RULE_USERDATA), &length) {
                parsed.comment = RuleComment.decode(Array(UnsafeRawBufferPointer(start: data, count: Int(length))))
            }
            parsed.counters = Self.firstCounter(of: rule)
            return parsed
        }
    }

    /// libnftnl's names of the expressions in a `NFT_MSG_NEWRULE` message, in order; for tests
    /// that check what was encoded. (`nftnl_rule_nlmsg_parse`, `nftnl_expr_iter_*`)
    static func expressionKinds(parsing header: UnsafePointer<nlmsghdr>) throws -> [String] {
        let object = try NftnlObject(allocate: nftnl_rule_alloc, free: nftnl_rule_free, operation: .parse, object: "rule")
        return try object.withPointer { rule in
            if nftnl_rule_nlmsg_parse(header, rule) < 0 { throw NetfilterError(.parse, object: "rule", errno: .current) }
            guard let iterator = nftnl_expr_iter_create(rule) else { return [] }
            defer { nftnl_expr_iter_destroy(iterator) }
            var kinds: [String] = []
            while let expression = nftnl_expr_iter_next(iterator) {
                kinds.append(nftnl_expr_get_str(expression, UInt16(NFTNL_EXPR_NAME)).map { String(cString: $0) } ?? "?")
            }
            return kinds
        }
    }

    /// The totals of the rule's first `counter` expression. (`nftnl_expr_iter_*`)
    private static func firstCounter(of rule: OpaquePointer) -> Counters? {
        guard let iterator = nftnl_expr_iter_create(rule) else { return nil }
        defer { nftnl_expr_iter_destroy(iterator) }
        while let expression = nftnl_expr_iter_next(iterator) {
            let name = nftnl_expr_get_str(expression, UInt16(NFTNL_EXPR_NAME)).map { String(cString: $0) }
            if name == "counter" {
                return Counters(packets: nftnl_expr_get_u64(expression, UInt16(NFTNL_EXPR_CTR_PACKETS)),
                                bytes: nftnl_expr_get_u64(expression, UInt16(NFTNL_EXPR_CTR_BYTES)))
            }
        }
        return nil
    }

    private static func attribute(_ attribute: nftnl_rule_attr) -> UInt16 { UInt16(attribute.rawValue) }
}

extension Batch {
    /// Adds `rule` at the end of its chain, or right before the rule with handle `before`.
    /// - Throws: `NetfilterError` (`.add`) when the rule cannot be encoded.
    public mutating func add(_ rule: Rule, placement: Rule.Placement = .append) throws {
        let message: NetlinkMessage
        switch placement {
        case .append:
            message = try rule.message(NFT_MSG_NEWRULE, netlinkFlags: NLM_F_CREATE | NLM_F_APPEND | NLM_F_ACK, operation: .add)
        case .before(let handle):
            // Without NLM_F_APPEND the kernel inserts before the rule at NFTA_RULE_POSITION.
            message = try rule.message(NFT_MSG_NEWRULE, netlinkFlags: NLM_F_CREATE | NLM_F_ACK, operation: .add,
                                       position: handle)
        }
        append(.add, .rule(rule), message)
    }

    /// Deletes `rule` by its handle (`nft delete rule ... handle N`).
    /// - Throws: `NetfilterError` (`.delete`) when the rule has no handle.
    public mutating func delete(_ rule: Rule) throws {
        append(.delete, .rule(rule), try rule.message(NFT_MSG_DELRULE, netlinkFlags: NLM_F_ACK, operation: .delete))
    }
}

extension NetlinkSocket {
    /// Lists the rules of `table` in chain order, with comments, handles and counter totals.
    /// - Throws: `NetfilterError` (`.list`) with the kernel's errno. (`NFT_MSG_GETRULE` dump)
    public func rules(of table: Table) throws -> [Rule] {
        let filter = Rule(family: table.family, table: table.name, chain: "")
        let request = try NetlinkObjectFilter.rules(filter)
        return try self.request(request, operation: .list, object: "rules of \(table)", parse: Rule.init(parsing:))
    }
}

/// Dump requests that name a table, so the kernel sends only that table's objects.
enum NetlinkObjectFilter {
    static func rules(_ filter: Rule) throws -> NetlinkMessage {
        let object = try NftnlObject(allocate: nftnl_rule_alloc, free: nftnl_rule_free, operation: .list, object: "rules")
        return object.withPointer { rule in
            nftnl_rule_set_str(rule, UInt16(NFTNL_RULE_TABLE.rawValue), filter.table)
            return NetlinkMessage.build(type: NFT_MSG_GETRULE, family: filter.family.protocolNumber, flags: NLM_F_DUMP) {
                nftnl_rule_nlmsg_build_payload($0, rule)
            }
        }
    }
}
