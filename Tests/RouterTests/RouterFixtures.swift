import Foundation
import KilnTestSupport

/// Router configs used across the tests, written to a temporary directory so element files resolve.
enum RouterFixtures {
    /// The example: a WAN and a LAN zone, a port forward, a blocklist, a rule.
    static let home = """
        [zones.wan]
        interfaces = ["wan0"]
        input = "drop"
        forward = "drop"
        masquerade = true
        wan = true

        [zones.lan]
        interfaces = ["lan0"]
        input = "accept"
        forward = "accept"

        [[forwardings]]
        from = "lan"
        to = "wan"

        [[port-forwards]]
        name = "web"
        zone = "wan"
        proto = "tcp"
        port = 8080
        to = "192.168.1.100:80"

        [sets.blocklist]
        type = "ipv4"
        elements = ["203.0.113.7", "198.18.0.0/15"]

        [[rules]]
        name = "block-listed"
        zone = "wan"
        source-set = "blocklist"
        action = "drop"
        counter = true

        [[rules]]
        name = "ping"
        zone = "wan"
        proto = "icmp"
        icmp-type = "echo-request"
        limit = "10/second"
        action = "accept"
        """

    /// Writes `text` as `router.toml` (plus `files`) into `directory` and returns the config's path.
    static func write(_ text: String, files: [String: String] = [:], in directory: TemporaryDirectory) throws -> String {
        for (name, contents) in files {
            try contents.write(toFile: "\(directory.path)/\(name)", atomically: true, encoding: .utf8)
        }
        let path = "\(directory.path)/router.toml"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}
