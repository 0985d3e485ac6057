import Foundation
import KilnTestSupport
import Testing

/// client — router — upstream, three namespaces on two veth pairs (as in netns-topology.sh):
/// client eth0 192.168.1.100/24 == lan0 192.168.1.1 | wan0 198.51.100.1 == eth0 198.51.100.2 and .3.
/// Upstream has no route back to the LAN, so only masquerade lets replies return.
final class RouterTopology {
    let client: NetworkNamespace
    let router: NetworkNamespace
    let upstream: NetworkNamespace

    init() throws {
        client = try NetworkNamespace(prefix: "kiln-client")
        router = try NetworkNamespace(prefix: "kiln-router")
        upstream = try NetworkNamespace(prefix: "kiln-upstream")
        do {
            try setUp()
        } catch {
            remove()
            throw error
        }
    }

    private func setUp() throws {
        try ip(["link", "add", "c-eth0", "netns", client.name, "type", "veth", "peer", "name", "lan0", "netns", router.name])
        try ip(["link", "add", "wan0", "netns", router.name, "type", "veth", "peer", "name", "u-eth0", "netns", upstream.name])
        try ip(["-n", client.name, "link", "set", "c-eth0", "name", "eth0"])
        try ip(["-n", upstream.name, "link", "set", "u-eth0", "name", "eth0"])
        for (namespace, device, addresses) in [(client, "eth0", ["192.168.1.100/24"]), (router, "lan0", ["192.168.1.1/24"]),
                                               (router, "wan0", ["198.51.100.1/24"]),
                                               (upstream, "eth0", ["198.51.100.2/24", "198.51.100.3/24"])] {
            for address in addresses { try ip(["-n", namespace.name, "addr", "add", address, "dev", device]) }
            try ip(["-n", namespace.name, "link", "set", device, "up"])
            try ip(["-n", namespace.name, "link", "set", "lo", "up"])
        }
        try ip(["-n", client.name, "route", "add", "default", "via", "192.168.1.1"])
        let forwarding = try router.exec(["sysctl", "-qw", "net.ipv4.ip_forward=1"])
        try #require(forwarding.status == 0, "\(forwarding.stderr)")
    }

    private func ip(_ arguments: [String]) throws {
        let result = try Command.run(["ip"] + arguments)
        try #require(result.status == 0, "ip \(arguments.joined(separator: " ")): \(result.stderr)")
    }

    /// Removes the namespaces, and with them the veth pairs.
    func remove() {
        for namespace in [client, router, upstream] { try? namespace.remove() }
    }
}
