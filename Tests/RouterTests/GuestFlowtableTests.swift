import Foundation
import KilnTestSupport
import Testing

/// Flow offloading against a kernel that has nf_flow_table: Debian's x86-64 kernel in a QEMU guest (the host's
/// may be built without it), driven by the host's own `nft` and `ip`. Proves the guest harness the Kiln
/// flowtable tests use, with `nft` as the client and the kernel's conntrack table as the oracle.
/// Needs no root on the host: the guest's namespaces are the guest's.
@Suite(.serialized) struct GuestFlowtableTests {
    /// What the flowtable ruleset needs beyond the guest kernel's built-ins; dependencies are resolved.
    static let modules = ["veth", "nf_tables", "nf_conntrack", "nft_ct", "nf_flow_table", "nf_flow_table_inet",
                          "nft_flow_offload"]

    static func guest() throws -> LinuxGuest {
        LinuxGuest(kernel: try GuestKernel.debianAMD64(), executables: ["/usr/sbin/nft", "/usr/sbin/ip"],
                   modules: modules, timeout: 600)
    }

    /// client (10.0.1.2) — vethA router vethB — server (10.0.2.2), and `transfer PORT`: 2 MiB over TCP
    /// from client to server through the router, the connection then held open so its conntrack
    /// entry is listed while established. The waits are generous (the guest is emulated, and a busy
    /// host slows it): the guest powers off when the script ends, so they cost nothing then.
    static let topology = """
        set -eu
        for n in client router server; do ip netns add $n; ip -n $n link set lo up; done
        ip link add veth0 netns client type veth peer name vethA netns router
        ip link add vethB netns router type veth peer name veth0 netns server
        ip -n client addr add 10.0.1.2/24 dev veth0; ip -n client link set veth0 up
        ip -n client route add default via 10.0.1.1
        ip -n router addr add 10.0.1.1/24 dev vethA; ip -n router link set vethA up
        ip -n router addr add 10.0.2.1/24 dev vethB; ip -n router link set vethB up
        ip -n server addr add 10.0.2.2/24 dev veth0; ip -n server link set veth0 up
        ip -n server route add default via 10.0.2.1
        ip netns exec router sh -c 'echo 1 >/proc/sys/net/ipv4/ip_forward'

        transfer() {
            # busybox nc ends a connection at end of its standard input: both ends read from a long sleep.
            sleep 900 | ip netns exec server nc -l -p $1 >/tmp/received$1 &
            i=0
            until ip netns exec server netstat -ltn | grep -q ":$1 "; do
                i=$((i + 1)); [ $i -lt 100 ] || { echo "server on :$1 never listened" >&2; exit 1; }; sleep 0.1
            done
            (dd if=/dev/zero bs=64k count=32 2>/dev/null; sleep 900) | ip netns exec client nc 10.0.2.2 $1 &
            i=0
            while [ $(wc -c </tmp/received$1) -lt 2097152 ]; do
                i=$((i + 1)); [ $i -lt 3000 ] || break; sleep 0.1
            done
            echo "received $1 $(wc -c </tmp/received$1)"
        }

        """

    /// With conntrack only (port 5000), then with `nft`'s flowtable (port 5001).
    static let script = topology + """
        ip netns exec router nft -f - <<'NFT'
        table inet kiln {
            chain forward { type filter hook forward priority filter; policy accept;
                ct state established,related accept
            }
        }
        NFT
        transfer 5000

        ip netns exec router nft -f - <<'NFT'
        flush ruleset
        table inet kiln {
            flowtable ft { hook ingress priority 0; devices = { vethA, vethB }; }
            chain forward { type filter hook forward priority filter; policy accept;
                meta l4proto { tcp, udp } flow add @ft
                ct state established,related accept
            }
        }
        NFT
        transfer 5001
        ip netns exec router cat /proc/net/nf_conntrack
        ip netns exec router nft -j list flowtables
        """

    @Test func tcpThroughTheRouterIsOffloadedToTheFlowtable() throws {
        let run = try Self.guest().run(Self.script)
        try #require(run.status == 0, "guest script failed (\(run.status)): \(run.stderr)\n\(run.stdout)")
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains("received 5000 2097152"), "\(run.stdout)")
        #expect(lines.contains("received 5001 2097152"), "\(run.stdout)")

        // /proc/net/nf_conntrack of the router: the connection through the flowtable is [OFFLOAD]ed,
        // the one before the flowtable existed is not.
        let conntrack = lines.filter { $0.hasPrefix("ipv4 ") }
        let plain = try #require(conntrack.first { $0.contains("dport=5000 ") }, "\(run.stdout)")
        let offloaded = try #require(conntrack.first { $0.contains("dport=5001 ") }, "\(run.stdout)")
        #expect(plain.contains("ESTABLISHED") && !plain.contains("[OFFLOAD]"), "\(plain)")
        #expect(offloaded.contains("src=10.0.1.2 dst=10.0.2.2") && offloaded.contains("[OFFLOAD]"), "\(offloaded)")

        let json = try #require(lines.first { $0.hasPrefix("{\"nftables\"") }, "\(run.stdout)")
        let flowtables = try Self.flowtables(json)
        #expect(flowtables.count == 1)
        let flowtable = try #require(flowtables.first)
        #expect(flowtable["family"] as? String == "inet" && flowtable["table"] as? String == "kiln")
        #expect(flowtable["name"] as? String == "ft" && flowtable["hook"] as? String == "ingress")
        #expect(flowtable["prio"] as? Int == 0)
        #expect(Set(flowtable["dev"] as? [String] ?? []) == ["vethA", "vethB"], "\(flowtable)")
    }

    @Test func scriptStatusAndStreamsComeBackSeparately() throws {
        let guest = LinuxGuest(kernel: try GuestKernel.debianAMD64(), executables: ["/usr/sbin/ip"],
                               modules: ["veth"])
        let run = try guest.run("""
            printf 'out\\n\\001\\tbytes'
            echo "kernel $(uname -r) $(uname -m)" >&2
            ip link add name va type veth peer name vb && ip -o link show vb | cut -d" " -f2 >&2
            exit 7
            """)
        #expect(run.status == 7)
        #expect(run.stdout == "out\n\u{1}\tbytes")
        #expect(run.stderr == "kernel \(try GuestKernel.debianAMD64().version) x86_64\nvb@va:\n", "\(run.stderr)")
    }

    /// The kiln executable (with the Swift runtime it links) applies a config in the guest: the set-up the
    /// flowtable tests of `kiln router` build on. The chains are the oracle, listed by `nft`.
    @Test func kilnRouterAppliesAConfigInTheGuest() throws {
        let guest = LinuxGuest(kernel: try GuestKernel.debianAMD64(),
                               executables: [KilnExecutable.path, "/usr/sbin/nft", "/usr/sbin/ip"],
                               modules: Self.kilnModules)
        let run = try guest.run("""
            set -eu
            cat >/root/router.toml <<'TOML'
            \(RouterFixtures.home)
            TOML
            KILN_ROUTER_STATE=/tmp/kiln-state kiln router apply /root/router.toml
            nft list table inet kiln | awk '$1 == "chain" { print $2 }'
            """)
        try #require(run.status == 0, "kiln in the guest failed (\(run.status)): \(run.stderr)\n\(run.stdout)")
        let chains = Set(run.stdout.split(separator: "\n").map(String.init))
        #expect(chains.isSuperset(of: ["input", "forward", "input_wan", "forward_lan", "postrouting"]),
                "\(run.stdout)\n\(run.stderr)")
    }

    /// Kiln's own flow offloading: `[defaults] flow-offloading = true` over zones lan (vethA) and wan
    /// (vethB, and ppp0, which does not exist), applied by `kiln router apply` in the router namespace; a TCP connection from lan to wan
    /// is then [OFFLOAD]ed in conntrack, and `kiln router show --json` lists the flowtable.
    @Test func kilnFlowOffloadingOffloadsForwardedTCP() throws {
        let guest = LinuxGuest(kernel: try GuestKernel.debianAMD64(),
                               executables: [KilnExecutable.path, "/usr/sbin/nft", "/usr/sbin/ip"],
                               modules: Self.kilnModules + ["veth", "nf_flow_table", "nf_flow_table_inet", "nft_flow_offload"])
        let run = try guest.run(Self.topology + """
            cat >/root/router.toml <<'TOML'
            [defaults]
            flow-offloading = true

            [zones.lan]
            interfaces = ["vethA"]
            input = "accept"
            forward = "accept"

            [zones.wan]
            interfaces = ["vethB", "ppp0"]
            wan = true

            [[forwardings]]
            from = "lan"
            to = "wan"
            TOML
            export KILN_ROUTER_STATE=/tmp/kiln-state
            ip netns exec router kiln router apply /root/router.toml >&2
            ip netns exec router kiln router apply /root/router.toml
            transfer 5001
            ip netns exec router cat /proc/net/nf_conntrack
            ip netns exec router kiln router show --json | tr -d ' \n'; echo
            """)
        try #require(run.status == 0, "guest script failed (\(run.status)): \(run.stderr)\n\(run.stdout)")
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains("received 5001 2097152"), "\(run.stdout)")
        // ppp0 does not exist (yet): the flowtable holds the interfaces that do, and applying the
        // same config again finds nothing to change.
        #expect(lines.contains("/root/router.toml: applied, no change"), "\(run.stdout)")
        let offloaded = try #require(lines.first { $0.hasPrefix("ipv4 ") && $0.contains("dport=5001 ") }, "\(run.stdout)")
        #expect(offloaded.contains("src=10.0.1.2 dst=10.0.2.2") && offloaded.contains("[OFFLOAD]"), "\(offloaded)")
        let show = try #require(lines.first { $0.hasPrefix("{") }, "\(run.stdout)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(show.utf8)) as? [String: Any])
        let flowtables = try #require(report["flowtables"] as? [[String: Any]], "\(show)")
        #expect(flowtables.count == 1)
        #expect(flowtables.first?["name"] as? String == "ft")
        #expect(Set(flowtables.first?["devices"] as? [String] ?? []) == ["vethA", "vethB"], "\(show)")
    }

    /// What Kiln's home config needs (NAT, masquerade, limits, conntrack) beyond the guest kernel's built-ins.
    static let kilnModules = ["nf_tables", "nft_ct", "nft_chain_nat", "nft_nat", "nft_masq", "nft_limit",
                              "nft_reject_inet"]

    /// The `flowtable` objects of `nft -j list flowtables`.
    static func flowtables(_ json: String) throws -> [[String: Any]] {
        let root = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let items = try #require(root["nftables"] as? [[String: Any]])
        return items.compactMap { $0["flowtable"] as? [String: Any] }
    }
}
