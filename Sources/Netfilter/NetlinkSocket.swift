import CLibmnl
import Glibc

/// A bound `NETLINK_NETFILTER` socket that talks nf_tables to the kernel of the calling
/// thread's network namespace (fixed when the socket is opened).
///
/// Not `Sendable`: sequence numbers and the reply stream belong to one user at a time.
public final class NetlinkSocket {
    let socket: OpaquePointer
    /// The port id the kernel assigned; tables with the `.owner` flag record it.
    public let portID: UInt32
    /// Requests count up from here; batches number their messages from 1 (see `Batch`), so the
    /// two never meet.
    private var nextSequence: UInt32 = 1 << 31

    /// Large enough for any datagram the kernel sends on this socket (dump chunks are ≤ 32 KiB).
    static let receiveBufferSize = 64 * 1024

    /// Opens and binds the socket and asks for extended, capped acknowledgements.
    /// - Throws: `NetfilterError` (`.open`) with the errno of the failing call.
    ///   (`mnl_socket_open2`, `mnl_socket_bind`, `mnl_socket_setsockopt`)
    public init() throws {
        // Close-on-exec: a child started by another thread must not inherit the socket, or the
        // kernel keeps a table owned by it (NFT_TABLE_F_OWNER) alive for as long as the child runs.
        guard let socket = mnl_socket_open2(NETLINK_NETFILTER, Int32(SOCK_CLOEXEC.rawValue)) else {
            throw NetfilterError(.open, errno: .current, detail: "mnl_socket_open2(NETLINK_NETFILTER)")
        }
        do {
            if mnl_socket_bind(socket, 0, pid_t(MNL_SOCKET_AUTOPID)) < 0 {
                throw NetfilterError(.open, errno: .current, detail: "mnl_socket_bind")
            }
            // Extended acks carry the kernel's explanation; capping keeps each error reply small,
            // so a large failing batch does not overflow the receive buffer with echoed requests.
            try Self.enable(NETLINK_EXT_ACK, on: socket, name: "NETLINK_EXT_ACK")
            try Self.enable(NETLINK_CAP_ACK, on: socket, name: "NETLINK_CAP_ACK")
        } catch {
            mnl_socket_close(socket)
            throw error
        }
        self.socket = socket
        portID = mnl_socket_get_portid(socket)
    }

    deinit { mnl_socket_close(socket) }

    private static func enable(_ option: Int32, on socket: OpaquePointer, name: String) throws {
        var on: Int32 = 1
        if mnl_socket_setsockopt(socket, option, &on, socklen_t(MemoryLayout<Int32>.size)) < 0 {
            throw NetfilterError(.open, errno: .current, detail: "setsockopt \(name)")
        }
    }

    /// Reserves `count` consecutive sequence numbers and returns the first.
    func reserveSequences(_ count: Int) -> UInt32 {
        let first = nextSequence
        nextSequence &+= UInt32(count)
        return first
    }

    /// Sends `bytes` as one datagram, retrying when a signal interrupts the call.
    /// - Throws: `NetfilterError` (`.send`) naming `object`. (`mnl_socket_sendto`)
    func transmit(_ bytes: [UInt8], object: String?) throws {
        try transmit([bytes], object: object)
    }

    /// Sends the concatenation of `parts` as one datagram (`sendmsg` with one iovec per part),
    /// so a large batch is not copied into one buffer first.
    /// - Throws: `NetfilterError` (`.send`) naming `object`.
    func transmit(_ parts: [[UInt8]], object: String?) throws {
        let fd = mnl_socket_get_fd(socket)
        while true {
            let sent = Self.withIOVectors(parts) { vectors in
                var kernel = sockaddr_nl()
                kernel.nl_family = sa_family_t(AF_NETLINK)
                return withUnsafeMutablePointer(to: &kernel) { address in
                    var header = msghdr()
                    header.msg_name = UnsafeMutableRawPointer(address)
                    header.msg_namelen = socklen_t(MemoryLayout<sockaddr_nl>.size)
                    header.msg_iov = vectors.baseAddress
                    header.msg_iovlen = vectors.count
                    return sendmsg(fd, &header, 0)
                }
            }
            if sent >= 0 { return }
            let error = NetfilterError.Errno.current
            if error.rawValue == EINTR { continue }
            throw NetfilterError(.send, object: object, errno: error)
        }
    }

    /// Calls `body` with an iovec for each part (the parts stay pinned meanwhile).
    private static func withIOVectors<R>(_ parts: [[UInt8]], _ body: (UnsafeMutableBufferPointer<iovec>) -> R) -> R {
        var vectors = [iovec](repeating: iovec(), count: parts.count)
        func pin(_ index: Int) -> R {
            if index == parts.count { return vectors.withUnsafeMutableBufferPointer { body($0) } }
            return parts[index].withUnsafeBytes { raw in
                vectors[index] = iovec(iov_base: UnsafeMutableRawPointer(mutating: raw.baseAddress), iov_len: raw.count)
                return pin(index + 1)
            }
        }
        return pin(0)
    }

    /// Reads one datagram into `buffer`; `nil` when `wait` is false and nothing is queued.
    /// - Throws: `NetfilterError` (`.receive`): `.noBufferSpace` when the kernel dropped
    ///   replies, `.messageTooLong` when a datagram did not fit. (`recv`)
    func receive(into buffer: UnsafeMutableRawBufferPointer, wait: Bool) throws -> Int? {
        let fd = mnl_socket_get_fd(socket)
        // MSG_TRUNC makes recv report the datagram's real length, so truncation is detectable.
        let flags = Int32(MSG_TRUNC) | (wait ? 0 : Int32(MSG_DONTWAIT))
        while true {
            let count = recv(fd, buffer.baseAddress, buffer.count, flags)
            if count > buffer.count {
                throw NetfilterError(.receive, errno: .messageTooLong, detail: "reply of \(count) bytes")
            }
            if count >= 0 { return count }
            let error = NetfilterError.Errno.current
            switch error.rawValue {
            case EINTR: continue
            case EAGAIN where !wait: return nil
            case ENOBUFS:
                throw NetfilterError(.receive, errno: error,
                                     detail: "socket receive buffer overflowed; replies were lost")
            default: throw NetfilterError(.receive, errno: error)
            }
        }
    }
}
