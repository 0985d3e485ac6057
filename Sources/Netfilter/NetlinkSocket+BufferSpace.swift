import CLibmnl
import Glibc

extension NetlinkSocket {
    /// Room the kernel needs per acknowledgement in the receive queue: it charges a small
    /// reply's whole socket buffer (well under 1 KiB), and the value is a generous bound.
    static let receiveSpacePerReply = 1024

    /// Grows the socket's buffers so a batch of `sending` bytes fits one datagram and its
    /// `replies` acknowledgements fit the receive queue (otherwise the kernel drops them with
    /// ENOBUFS after having committed the batch).
    ///
    /// Uses `SO_*BUFFORCE` first, which root may use past the system limits, then the plain
    /// options, which are capped by `net.core.*mem_max`. Never shrinks a buffer.
    /// - Throws: `NetfilterError` (`.send`) when the size cannot be set at all. (`setsockopt`)
    func reserveBufferSpace(sending: Int, replies: Int) throws {
        try grow(SO_SNDBUF, force: SO_SNDBUFFORCE, to: sending, name: "SO_SNDBUF")
        try grow(SO_RCVBUF, force: SO_RCVBUFFORCE, to: replies * Self.receiveSpacePerReply, name: "SO_RCVBUF")
    }

    private func grow(_ option: Int32, force: Int32, to size: Int, name: String) throws {
        let fd = mnl_socket_get_fd(socket)
        var current: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        if getsockopt(fd, SOL_SOCKET, option, &current, &length) < 0 {
            throw NetfilterError(.send, errno: .current, detail: "getsockopt \(name)")
        }
        // The kernel reports twice the size it was given (it adds room for bookkeeping).
        guard Int(current) / 2 < size, let wanted = Int32(exactly: size) else { return }
        var value = wanted
        let valueLength = socklen_t(MemoryLayout<Int32>.size)
        if setsockopt(fd, SOL_SOCKET, force, &value, valueLength) == 0 { return }
        if setsockopt(fd, SOL_SOCKET, option, &value, valueLength) < 0 {
            throw NetfilterError(.send, errno: .current, detail: "setsockopt \(name) to \(size) bytes")
        }
    }
}
