#!/usr/bin/env python3
"""Writes the router-vs-nft inputs into argv[1]: the same home-router policy as an nft file and
as a Kiln router.toml, the 100k-prefix variants, and the one-element / one-rule changes.

nft files follow shared/reference/gen-rulesets.py's home ruleset (fw4-style full replace);
the Kiln configs express the same zones, 20 port forwards, masquerade and rules."""
import ipaddress, os, random, sys

out = sys.argv[1]
random.seed(42)
FORWARDS = [(8000 + i, f"192.168.1.{10 + i}", 80 if i % 2 == 0 else 22) for i in range(20)]


def prefixes(n=100_000):
    res, cur = [], int(ipaddress.IPv4Address("20.0.0.0"))
    for _ in range(n):
        plen = random.choice([20, 22, 24, 24, 24, 26, 28, 32, 32])
        size = 1 << (32 - plen)
        cur = (cur + size - 1) // size * size
        res.append(f"{ipaddress.IPv4Address(cur)}/{plen}" if plen < 32 else str(ipaddress.IPv4Address(cur)))
        cur += size * 2
    return res


def nft(with_set, ping_rate=10):
    L = ["table inet router", "flush table inet router", "table inet router {"]
    if with_set:
        L += ["  set blocklist4 {", "    type ipv4_addr; flags interval;", f'    include "{out}/prefixes.elements"', "  }"]
    chains = {
        "input": ["type filter hook input priority filter; policy drop;", 'iif "lo" accept',
                  "ct state vmap { established : accept, related : accept, invalid : drop }",
                  'iifname "wan0" tcp flags & (fin | syn | rst | ack) == syn limit rate over 25/second burst 50 packets counter drop']
                 + (["ip saddr @blocklist4 counter drop"] if with_set else [])
                 + ['iifname "lan0" jump input_lan', 'iifname "wan0" jump input_wan'],
        "input_lan": ["tcp dport { 22, 80, 443 } accept", "udp dport { 53, 67 } accept", "tcp dport 53 accept", "drop"],
        "input_wan": ["udp dport 68 accept", f"icmp type echo-request limit rate {ping_rate}/second accept",
                      "ip6 saddr fe80::/10 udp dport 546 accept",
                      "icmpv6 type { nd-neighbor-solicit, nd-neighbor-advert, nd-router-advert } accept", "counter drop"],
        "forward": ["type filter hook forward priority filter; policy drop;",
                    "ct state vmap { established : accept, related : accept, invalid : drop }"]
                   + (["ip saddr @blocklist4 counter drop", "ip daddr @blocklist4 counter drop"] if with_set else [])
                   + ['iifname "lan0" oifname "wan0" counter accept', 'iifname "wan0" ct status dnat counter accept'],
        "output": ["type filter hook output priority filter; policy accept;", 'oif "lo" accept'],
        "dstnat": ["type nat hook prerouting priority dstnat; policy accept;"]
                  + [f'iifname "wan0" tcp dport {e} counter dnat ip to {ip}:{p}' for e, ip, p in FORWARDS],
        "srcnat": ["type nat hook postrouting priority srcnat; policy accept;",
                   'oifname "wan0" meta nfproto ipv4 counter masquerade'],
    }
    for name, lines in chains.items():
        L += [f"  chain {name} {{"] + [f"    {line}" for line in lines] + ["  }"]
    L.append("}")
    return "\n".join(L) + "\n"


def kiln(with_set, ping_rate=10, prefix_file="prefixes.txt"):
    L = ['[zones.wan]', 'interfaces = ["wan0"]', 'masquerade = true', 'wan = true', '',
         '[zones.lan]', 'interfaces = ["lan0"]', 'input = "drop"', 'forward = "accept"', '',
         '[[forwardings]]', 'from = "lan"', 'to = "wan"', '']
    for e, ip, p in FORWARDS:
        L += ['[[port-forwards]]', f'name = "fwd-{e}"', 'zone = "wan"', f'port = {e}', f'to = "{ip}:{p}"', '']
    if with_set:
        L += ['[sets.blocklist4]', 'type = "ipv4"', f'file = "{prefix_file}"', '',
              '[[rules]]', 'name = "blocklist-in"', 'source-set = "blocklist4"', 'counter = true', 'action = "drop"', '',
              '[[rules]]', 'name = "blocklist-fwd-src"', 'direction = "forward"', 'source-set = "blocklist4"',
              'counter = true', 'action = "drop"', '',
              '[[rules]]', 'name = "blocklist-fwd-dst"', 'direction = "forward"', 'destination-set = "blocklist4"',
              'counter = true', 'action = "drop"', '']
    rules = [("lan-ssh", "lan", "tcp", 22), ("lan-http", "lan", "tcp", 80), ("lan-https", "lan", "tcp", 443),
             ("lan-dns", "lan", "udp", 53), ("lan-dhcp", "lan", "udp", 67), ("lan-dns-tcp", "lan", "tcp", 53),
             ("wan-dhcp-renew", "wan", "udp", 68)]
    for name, zone, proto, port in rules:
        L += ['[[rules]]', f'name = "{name}"', f'zone = "{zone}"', f'proto = "{proto}"', f'port = {port}', 'action = "accept"', '']
    L += ['[[rules]]', 'name = "wan-ping"', 'zone = "wan"', 'proto = "icmp"', 'icmp-type = "echo-request"',
          f'limit = "{ping_rate}/second"', 'action = "accept"', '',
          '[[rules]]', 'name = "wan-dhcpv6"', 'zone = "wan"', 'proto = "udp"', 'source = "fe80::/10"', 'port = 546',
          'action = "accept"', '']
    return "\n".join(L) + "\n"


os.makedirs(out, exist_ok=True)
px = prefixes()
files = {
    "prefixes.txt": "\n".join(px) + "\n",
    "prefixes-plus1.txt": "\n".join(px + ["203.0.113.0/24"]) + "\n",
    "prefixes.elements": "elements = {\n" + ",\n".join(px) + "\n}\n",
    "a-home.nft": nft(False), "b-home-100k.nft": nft(True), "d-rule.nft": nft(True, ping_rate=20),
    "c-add1.nft": "add element inet router blocklist4 { 203.0.113.0/24 }\n",
    "a-home.toml": kiln(False), "b-home-100k.toml": kiln(True),
    "c-add1.toml": kiln(True, prefix_file="prefixes-plus1.txt"), "d-rule.toml": kiln(True, ping_rate=20),
}
for name, text in files.items():
    with open(f"{out}/{name}", "w") as f:
        f.write(text)
