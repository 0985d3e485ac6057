import Glibc
import Testing

/// Plain BSD sockets for real-packet tests: sockets opened inside `NetworkNamespace.run` stay in
/// that namespace, so a test thread can drive servers and clients of several namespaces.
enum Sockets {
    static func address(_ ip: String, _ port: UInt16) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        inet_pton(AF_INET, ip, &address.sin_addr)
        return address
    }

    static func bind(_ fd: Int32, _ ip: String, _ port: UInt16) throws {
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var local = address(ip, port)
        let status = withUnsafePointer(to: &local) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        try #require(status == 0, "bind \(ip):\(port): \(String(cString: strerror(errno)))")
    }

    /// A listening TCP socket on `port`.
    static func listenTCP(port: UInt16) throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        try bind(fd, "0.0.0.0", port)
        try #require(listen(fd, 16) == 0)
        return fd
    }

    /// Whether a TCP connection to `ip:port` (from `source`, if given) is established within `milliseconds`.
    static func connects(to ip: String, port: UInt16, from source: String? = nil, milliseconds: Int32 = 5000) throws -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
        defer { close(fd) }
        if let source { try bind(fd, source, 0) }
        var remote = address(ip, port)
        _ = withUnsafePointer(to: &remote) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        var descriptor = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
        guard poll(&descriptor, 1, milliseconds) == 1 else { return false }
        var error: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length)
        return error == 0
    }

    /// The peer address of the next connection on `listener`, or `nil` when none is queued in time.
    static func acceptedPeer(_ listener: Int32, milliseconds: Int32 = 5000) -> String? {
        var descriptor = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
        guard poll(&descriptor, 1, milliseconds) == 1 else { return nil }
        var peer = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let fd = withUnsafeMutablePointer(to: &peer) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { accept(listener, $0, &length) }
        }
        guard fd >= 0 else { return nil }
        close(fd)
        var text = [CChar](repeating: 0, count: 32)
        guard inet_ntop(AF_INET, &peer.sin_addr, &text, 32) != nil else { return nil }
        return text.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    }

    /// A UDP socket bound to `port`, non-blocking.
    static func udp(port: UInt16) throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
        try bind(fd, "0.0.0.0", port)
        return fd
    }

    /// Sends `count` small datagrams to `ip:port` back to back.
    static func sendUDP(to ip: String, port: UInt16, count: Int) {
        let fd = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
        defer { close(fd) }
        var remote = address(ip, port)
        var byte: UInt8 = 1
        for _ in 0..<count {
            _ = withUnsafePointer(to: &remote) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    sendto(fd, &byte, 1, 0, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
        }
    }

    /// How many datagrams are waiting on `fd`, waiting up to `milliseconds` for the first.
    static func receivedCount(_ fd: Int32, milliseconds: Int32 = 3000) -> Int {
        var descriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        _ = poll(&descriptor, 1, milliseconds)
        var count = 0
        var byte: UInt8 = 0
        while recv(fd, &byte, 1, 0) >= 0 { count += 1 }
        return count
    }
}
