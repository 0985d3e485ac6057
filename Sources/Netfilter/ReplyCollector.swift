import CLibmnl

/// The context libmnl's callbacks receive while a request's replies are parsed.
///
/// C callbacks cannot capture Swift state, so `NetlinkSocket` passes an unretained reference
/// to this object through libmnl's `void *data` and the callbacks report back into it.
final class ReplyCollector {
    private let consume: (UnsafePointer<nlmsghdr>) throws -> Void
    /// The error `consume` threw; parsing stops at the first one.
    private(set) var failure: (any Error)?
    /// The kernel's rejection of the request, with its extended-ack text.
    private(set) var rejection: NetlinkAck?

    init(consume: @escaping (UnsafePointer<nlmsghdr>) throws -> Void) {
        self.consume = consume
    }

    /// Handles one data message; returns an `MNL_CB_*` verdict.
    func take(_ header: UnsafePointer<nlmsghdr>) -> Int32 {
        do {
            try consume(header)
            return MNL_CB_OK
        } catch {
            failure = error
            return MNL_CB_ERROR
        }
    }

    /// Handles an `NLMSG_ERROR` message: an acknowledgement ends the request, an error fails it.
    func acknowledge(_ header: UnsafePointer<nlmsghdr>) -> Int32 {
        guard let ack = NetlinkAck(header) else { return MNL_CB_ERROR }
        if ack.errno == nil { return MNL_CB_STOP }
        rejection = ack
        return MNL_CB_ERROR
    }

    /// The C callback for data messages; `context` is an unretained `ReplyCollector`.
    static let dataCallback: mnl_cb_t = { header, context in
        Unmanaged<ReplyCollector>.fromOpaque(context!).takeUnretainedValue().take(header!)
    }

    /// The C callback for `NLMSG_ERROR`; `context` is an unretained `ReplyCollector`.
    static let errorCallback: mnl_cb_t = { header, context in
        Unmanaged<ReplyCollector>.fromOpaque(context!).takeUnretainedValue().acknowledge(header!)
    }
}
