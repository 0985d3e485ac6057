import CLibmnl

/// The kernel's verdict on one request: an `NLMSG_ERROR` message, where error 0 means success.
struct NetlinkAck: Sendable, Hashable {
    /// The sequence number of the request this answers.
    var sequence: UInt32
    /// The error code, or `nil` for a plain acknowledgement.
    var errno: NetfilterError.Errno?
    /// The extended-ack text (`NLMSGERR_ATTR_MSG`), when the kernel attached one.
    var message: String?

    /// Decodes `header`; `nil` when it is not a well-formed `NLMSG_ERROR` message.
    init?(_ header: UnsafePointer<nlmsghdr>) {
        guard header.pointee.nlmsg_type == UInt16(NLMSG_ERROR),
              mnl_nlmsg_get_payload_len(header) >= MemoryLayout<nlmsgerr>.size
        else { return nil }
        let error = UnsafeRawPointer(mnl_nlmsg_get_payload(header)!).loadUnaligned(as: nlmsgerr.self)
        sequence = header.pointee.nlmsg_seq
        errno = error.error == 0 ? nil : NetfilterError.Errno(rawValue: -error.error)
        message = Self.extendedMessage(header, error: error)
    }

    /// Finds `NLMSGERR_ATTR_MSG` among the TLVs that follow the (possibly capped) echoed request.
    private static func extendedMessage(_ header: UnsafePointer<nlmsghdr>, error: nlmsgerr) -> String? {
        let flags = Int32(header.pointee.nlmsg_flags)
        guard flags & NLM_F_ACK_TLVS != 0 else { return nil }
        var offset = MemoryLayout<nlmsgerr>.size
        if flags & NLM_F_CAPPED == 0 {
            // Without NETLINK_CAP_ACK the whole request payload is echoed before the TLVs.
            offset += max(0, Int(error.msg.nlmsg_len) - MemoryLayout<nlmsghdr>.size)
        }
        guard offset <= mnl_nlmsg_get_payload_len(header) else { return nil }
        var attribute = kiln_mnl_attr_first(header, UInt32(offset))
        while let current = attribute {
            if mnl_attr_get_type(current) == UInt16(NLMSGERR_ATTR_MSG.rawValue),
               mnl_attr_validate(current, MNL_TYPE_NUL_STRING) == 0 {
                return String(cString: mnl_attr_get_str(current))
            }
            attribute = kiln_mnl_attr_next(header, current)
        }
        return nil
    }
}
