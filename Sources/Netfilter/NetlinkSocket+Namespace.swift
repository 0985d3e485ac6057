import CLibmnl
import Glibc

extension NetlinkSocket {
    /// The socket's network namespace as the kernel's cookie (`SO_NETNS_COOKIE`, Linux 5.14):
    /// unlike the namespace inode, a cookie is never reused while the system runs. 0 when the
    /// kernel cannot tell, so nothing cached under it ever matches.
    public var namespaceCookie: UInt64 {
        var cookie: UInt64 = 0
        var length = socklen_t(MemoryLayout<UInt64>.size)
        // SO_NETNS_COOKIE (71) is newer than the headers Swift's Glibc module sees.
        let status = getsockopt(mnl_socket_get_fd(socket), SOL_SOCKET, 71, &cookie, &length)
        return status == 0 && length == socklen_t(MemoryLayout<UInt64>.size) ? cookie : 0
    }
}
