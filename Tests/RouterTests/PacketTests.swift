import Foundation
import Glibc
import KilnTestSupport
import Netfilter
import Router
import Testing

/// Real packets through a router namespace programmed by Kiln.
@Suite(.requiresRoot) struct PacketTests {
    static let config = RouterFixtures.home.replacingOccurrences(of: "\"203.0.113.7\"", with: "\"198.51.100.3\"") + """

        [[rules]]
        name = "ssh"
        zone = "wan"
        proto = "tcp"
        port = 22
        action = "accept"

        [[rules]]
        name = "metrics"
        zone = "wan"
        proto = "udp"
        port = 5000
        limit = "5/second"
        action = "accept"
        """

    @Test func masqueradePortForwardForwardPolicyBlocklistAndRateLimit() throws {
        let topology = try RouterTopology()
        defer { topology.remove() }
        let parsed = try RouterConfig.parse(Self.config, file: "router.toml", directory: "/nonexistent")
        _ = try topology.router.run { try KilnTable.apply(parsed, on: try NetlinkSocket()) }

        // Masquerade: upstream sees the router's WAN address, not the client's.
        let upstreamServer = try topology.upstream.run { try Sockets.listenTCP(port: 9000) }
        defer { close(upstreamServer) }
        #expect(try topology.client.run { try Sockets.connects(to: "198.51.100.2", port: 9000) })
        #expect(Sockets.acceptedPeer(upstreamServer) == "198.51.100.1")

        // Port forward: WAN port 8080 reaches the client's port 80.
        let clientServer = try topology.client.run { try Sockets.listenTCP(port: 80) }
        defer { close(clientServer) }
        #expect(try topology.upstream.run { try Sockets.connects(to: "198.51.100.1", port: 8080) })
        #expect(Sockets.acceptedPeer(clientServer) == "198.51.100.2")

        // Not allowed: even with a route to the LAN, upstream cannot open connections into it.
        _ = try topology.upstream.exec(["ip", "route", "add", "192.168.1.0/24", "via", "198.51.100.1"])
        #expect(!(try topology.upstream.run { try Sockets.connects(to: "192.168.1.100", port: 80, milliseconds: 1000) }))
        #expect(Sockets.acceptedPeer(clientServer, milliseconds: 100) == nil)

        // Blocklist: SSH on the router is open from .2, but .3 is in the blocklist.
        let routerSSH = try topology.router.run { try Sockets.listenTCP(port: 22) }
        defer { close(routerSSH) }
        #expect(try topology.upstream.run { try Sockets.connects(to: "198.51.100.1", port: 22, from: "198.51.100.2") })
        #expect(!(try topology.upstream.run { try Sockets.connects(to: "198.51.100.1", port: 22, from: "198.51.100.3", milliseconds: 1000) }))

        // Rate limit: 5/second with a burst of 5 lets only a few of 200 back-to-back datagrams in.
        let metrics = try topology.router.run { try Sockets.udp(port: 5000) }
        defer { close(metrics) }
        try topology.upstream.run { Sockets.sendUDP(to: "198.51.100.1", port: 5000, count: 200) }
        let received = Sockets.receivedCount(metrics)
        #expect(received >= 1)
        #expect(received < 50)
    }
}
