import Glibc
import Netfilter
import KilnTestSupport
import LocalFiles
import Testing
@testable import Router

/// The desired ruleset and the diff, without a kernel.
@Suite struct RulesetModelTests {
    static func prefixes(_ texts: [String]) throws -> [IPPrefix] { try texts.map { try IPPrefix(parsing: $0) } }

    static func ranges(_ texts: [String], _ version: IPPrefix.Version = .ipv4) throws -> AddressRanges {
        AddressRanges.merging(try prefixes(texts), version: version)
    }

    @Test func prefixesMergeIntoSortedDisjointRanges() throws {
        let ranges = try Self.ranges(["10.0.1.0/24", "10.0.0.0/24", "10.0.0.128/25", "192.168.0.0/16", "255.255.255.255"])
        #expect(ranges.description == "10.0.0.0-10.0.1.255, 192.168.0.0-192.168.255.255, 255.255.255.255")
        #expect(ranges == .ipv4([0x0A00_0000...0x0A00_01FF, 0xC0A8_0000...0xC0A8_FFFF, UInt32.max...UInt32.max]))
        let v6 = try Self.ranges(["2001:db8::/33", "2001:db8:8000::/33", "::/0"], .ipv6)
        #expect(v6 == .ipv6([0...UInt128.max]))
        #expect(v6.description == "::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")
    }

    @Test func elementFileLinesParseLikeTheGeneralParser() throws {
        for text in ["10.0.0.0/8", "192.0.2.1", "0.0.0.0/0", "255.255.255.255/32", "100.64.0.0/10"] {
            let fast = Array(text.utf8).withUnsafeBufferPointer { ElementFile.fastIPv4($0) }
            #expect(fast == (try IPPrefix(parsing: text)).range(as: UInt32.self), "\(text)")
        }
        for text in ["10.0.0.1/8", "10.0.0/8", "10.0.0.256", "1.2.3.4/33", "1..2.3", "1.2.3.4.5", "::1", "010.1.2.3", "10.1.2.3/08"] {
            #expect(Array(text.utf8).withUnsafeBufferPointer { ElementFile.fastIPv4($0) } == nil, "\(text)")
        }
    }

    @Test func rangeDiffFindsAddedRemovedAndChangedRanges() throws {
        let current = try Self.ranges(["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/24", "203.0.113.7"])
        let desired = try Self.ranges(["10.0.0.0/8", "192.168.0.0/16", "198.51.100.0/24", "203.0.113.7"])
        let diff = RangeDiff(current: current, desired: desired)
        #expect(diff.removed.description == "172.16.0.0-172.31.255.255, 192.168.0.0-192.168.0.255")
        #expect(diff.added.description == "192.168.0.0-192.168.255.255, 198.51.100.0-198.51.100.255")
        #expect(RangeDiff(current: desired, desired: desired).added.count == 0)
    }

    @Test func cacheRoundTripsAndRefusesDamage() throws {
        let cache = RulesetCache(namespace: 7, tableHandle: 3, generation: 9,
                                 sets: ["a": try Self.ranges(["10.0.0.0/8", "192.0.2.1"]), "b": try Self.ranges(["2001:db8::/32"], .ipv6)])
        let bytes = cache.encoded()
        #expect(RulesetCache(decoding: bytes) == cache)
        #expect(RulesetCache(decoding: Array(bytes.dropLast())) == nil)
        // Header 32 bytes, set "a" 10 bytes, its first range 8: the second range's first address
        // (192.0.2.1, little-endian) moved into the first range (10.x) overlaps it.
        var overlapping = bytes
        #expect(overlapping[53] == 0xC0)
        overlapping[53] = 0x0A
        #expect(RulesetCache(decoding: overlapping) == nil)
    }

    @Test func ruleIdentityIsTheHashOfItsJoinedText() {
        // The comments of rules already in a kernel must stay what earlier versions wrote:
        // FNV-1a over chain, name and expression texts joined by 0x1F.
        let expressions: [Expression] = [.compare(.init(.one, .equal, [0x00, 0x0F, 0xA0, 0xFF])), .counter(.init()), .verdict(.accept)]
        #expect(expressions[0].description.hasSuffix(" == 0x000fa0ff"), "\(expressions[0])")
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in (["input", "ping"] + expressions.map(\.description)).joined(separator: "\u{1F}").utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        #expect(RuleIdentity.comment(name: "ping", chain: "input", expressions: expressions)
                == "ping [\(String(repeating: "0", count: 16 - hex.count) + hex)]")
    }

    @Test func cacheFileIsWrittenFromAndReadIntoTheRangeArrays() throws {
        // 5,000 ranges: the reader fills its arrays in chunks of 4,096.
        let many = (0..<5_000).map { UInt32($0) << 8 ... UInt32($0) << 8 | 0x7F }
        let cache = RulesetCache(namespace: 7, tableHandle: 3, generation: 9,
                                 sets: ["a": .ipv4(many), "b": try Self.ranges(["2001:db8::/32", "2001:db9::1"], .ipv6)])
        let path = "/tmp/kiln-cache-test.\(getpid())"
        defer { unlink(path) }
        try LocalFiles.replace(path, durable: false) { (output: borrowing FileOutput) throws(FileError) in try cache.write(to: output) }
        #expect(try LocalFiles.read(path) == cache.encoded())
        #expect(RulesetCache(readingFile: path) == cache)
        try LocalFiles.replace(path, with: Array(cache.encoded().dropLast(3)))
        #expect(RulesetCache(readingFile: path) == nil)
        // A damaged range count far beyond the file's size is refused before memory is reserved for it.
        var huge = Array(cache.encoded().prefix(32 + 5))   // header, then set "a"'s name length and name
        huge += [4] + withUnsafeBytes(of: UInt32(1 << 26).littleEndian, Array.init)
        try LocalFiles.replace(path, with: huge)
        #expect(RulesetCache(readingFile: path) == nil)
        #expect(RulesetCache(decoding: huge) == nil)
        #expect(RulesetCache(readingFile: path + ".missing") == nil)
    }

    @Test func ruleDiffKeepsTheCommonSubsequenceAndAnchorsInsertions() {
        func rule(_ name: String, handle: UInt64? = nil) -> Rule {
            Rule(family: .inet, table: "kiln", chain: "input", comment: name, handle: handle)
        }
        let current = [rule("a", handle: 1), rule("b", handle: 2), rule("c", handle: 3), rule("d", handle: 4)]
        let desired = ["x", "a", "c", "y", "z", "d", "w"].map { Ruleset.Entry(rule: rule($0), origin: .init("rule '\($0)'")) }
        let diff = RuleSequenceDiff(current: current, desired: desired)
        #expect(diff.deletions.map(\.comment) == ["b"])
        #expect(diff.insertions.map { $0.0.comment! } == ["x", "y", "z", "w"])
        #expect(diff.insertions.map(\.1) == [.before(handle: 1), .before(handle: 4), .before(handle: 4), .append])
    }

    @Test func rulesCarryTheirConfigLineAndAStableIdentity() throws {
        let config = try RouterConfig.parse(RouterFixtures.home, file: "router.toml", directory: ".")
        let ruleset = Ruleset(config: config)
        let ping = try #require(ruleset.rules.first { $0.origin.subject == "rule 'ping'" })
        #expect(ping.origin.line == 35)
        #expect(ping.rule.chain == "input_wan")
        #expect(ping.rule.comment?.hasPrefix("ping [") == true)
        #expect(Ruleset(config: config) == ruleset)  // same config, same comments: the diff relies on it
        #expect(Set(ruleset.rules.map { "\($0.rule.chain) \($0.rule.comment!)" }).count == ruleset.rules.count)
    }

    /// Port forwards go to their zone's `dstnat_ZONE`, reached from `prerouting` by each of the
    /// zone's interfaces for IPv4; a zone without forwards keeps its empty chain and gets no jump.
    @Test func firstOccurrencesPointEachRepeatAtItsFirst() {
        #expect(ConfigValidator.firstOccurrences(of: ["b", "a", "b", "c", "a", "b"]) == [0, 1, 0, 3, 1, 0])
        #expect(ConfigValidator.firstOccurrences(of: []) == [])
    }

    @Test func portForwardsSitInTheirZoneChains() throws {
        let config = try RouterConfig.parse("""
            [zones.wan]
            interfaces = ["wan0", "ppp0"]
            input = "drop"
            forward = "drop"
            masquerade = true

            [zones.guest]
            interfaces = ["guest0"]
            input = "drop"
            forward = "drop"

            [zones.lan]
            interfaces = ["lan0"]
            input = "accept"
            forward = "accept"

            [[port-forwards]]
            name = "web"
            zone = "wan"
            proto = "both"
            port = "8000-8010"
            to = "192.168.1.100"
            source = "203.0.113.0/24"

            [[port-forwards]]
            name = "ssh"
            zone = "guest"
            proto = "tcp"
            port = 2222
            to = "192.168.1.5:22"
            """, file: "router.toml", directory: "/")
        let ruleset = Ruleset(config: config)
        #expect(Set(ruleset.chains.map(\.name)).isSuperset(of: ["dstnat_wan", "dstnat_guest", "dstnat_lan"]))
        func names(_ chain: String) -> [String] {
            ruleset.rules.filter { $0.rule.chain == chain }.compactMap { $0.rule.comment.flatMap(RuleIdentity.name(fromComment:)) }
        }
        #expect(names("prerouting") == ["zone-wan-wan0", "zone-wan-ppp0", "zone-guest-guest0"])
        #expect(names("dstnat_wan") == ["web-tcp", "web-udp"])
        #expect(names("dstnat_guest") == ["ssh-tcp"])
        #expect(names("dstnat_lan") == [])

        let jump = try #require(ruleset.rules.first { $0.rule.chain == "prerouting" && $0.rule.comment?.hasPrefix("zone-wan-ppp0 ") == true })
        #expect(jump.rule.expressions == Match.interface("ppp0", input: true) + Match.family(.ipv4) + [.verdict(.jump("dstnat_wan"))])
        let source = try IPPrefix(parsing: "203.0.113.0/24")
        for proto in [TransportProtocol.tcp, .udp] {
            let forward = try #require(ruleset.rules.first { $0.rule.comment?.hasPrefix("web-\(proto.rawValue) ") == true })
            #expect(forward.origin == Ruleset.Origin("port forward 'web'", line: 17))
            #expect(Array(forward.rule.expressions.prefix(7)) == Match.address(source, source: true) + Match.transport(proto))
            #expect(forward.rule.expressions.last == .nat(.init(.dnat, family: .ipv4, address: .one)))
        }
        let ssh = try #require(ruleset.rules.first { $0.rule.chain == "dstnat_guest" })
        #expect(ssh.rule.expressions.suffix(2) == [.immediate(.init(Match.bigEndian(22), into: .two)),
                                                   .nat(.init(.dnat, family: .ipv4, address: .one, port: .two))])
    }
}

/// The confirm-or-revert record, without a kernel.
@Suite struct RouterStateTests {
    /// A fresh state directory with the home config recorded as applied, removed after `body`.
    private func withAppliedHome(cache: RulesetCache? = nil,
                                 _ body: (RouterState, RouterConfig, String) throws -> Void) throws {
        let directory = try TemporaryDirectory(prefix: "kiln-router-state")
        defer { directory.remove() }
        let state = RouterState(directory: directory.path)
        let config = try RouterConfig.parse(RouterFixtures.home, file: "router.toml", directory: "/")
        try state.recordApplied(config, ruleset: Ruleset(config: config), cache: cache)
        try body(state, config, directory.path)
    }

    @Test func onlyOneTimerClaimsAnExpiredWindowAndAConfirmedOneIsGone() throws {
        try withAppliedHome { state, config, _ in
            #expect(try state.beginConfirmation(deadline: 100) == .opened)
            #expect(try state.beginConfirmation(deadline: 200) == .extended(previousDeadline: 100))
            #expect(state.pendingDeadline == 200)
            state.undo(.extended(previousDeadline: 100))
            #expect(state.pendingDeadline == 100)

            let first = try state.takeRollback()
            // The config comes back without its set ranges, which the ruleset carries from the snapshot.
            #expect(first??.ruleset == Ruleset(config: config))
            #expect(try state.takeRollback() == nil)  // the second timer finds nothing to restore
            #expect(!state.isPending)

            #expect(try state.beginConfirmation(deadline: 300) == .opened)
            #expect(state.confirm())
            #expect(!state.confirm())
            #expect(try state.takeRollback() == nil)
        }
    }

    @Test func oneSnapshotFileHoldsTheRangesTheFileNameAndTheText() throws {
        #expect(RouterState(directory: "/nonexistent").cache() == nil)
        let ranges = ["blocklist": AddressRanges.ipv4([1...2, 7...9])]
        let cache = RulesetCache(namespace: 5, tableHandle: 6, generation: 7, sets: ranges)
        try withAppliedHome(cache: cache) { state, _, directory in
            #expect(try LocalFiles.entries(directory) == ["applied"])
            #expect(state.cache() == cache)

            // The snapshot comes back whole as the state to restore, with the file name its errors use.
            #expect(try state.beginConfirmation(deadline: 1) == .opened)
            let restored = try #require(try state.takeRollback() ?? nil)
            #expect(restored.config.file == "router.toml")
            #expect(restored.config.source == RouterFixtures.home)
        }
    }

    @Test func aDamagedSnapshotIsReportedNotRestored() throws {
        try withAppliedHome { state, _, directory in
            #expect(try state.beginConfirmation(deadline: 1) == .opened)
            // Cut inside the config text: the length before it promises more than is left.
            let previous = directory + "/previous"
            let bytes = try LocalFiles.read(previous)
            try LocalFiles.replace(previous, with: Array(bytes.dropLast(10)), durable: false)
            let error = #expect(throws: RouterError.self) { try state.takeRollback() }
            #expect(error?.file == previous)
            #expect(error?.message == "the recorded state is damaged")
            #expect(try state.takeRollback() == nil)  // the window was claimed all the same
        }
    }

    @Test func aWindowOpenedWithoutAnAppliedStateRemovesTheTable() throws {
        let directory = try TemporaryDirectory(prefix: "kiln-router-state")
        defer { directory.remove() }
        let state = RouterState(directory: directory.path)
        #expect(try state.beginConfirmation(deadline: 1) == .opened)
        let rollback = try state.takeRollback()
        #expect(rollback != nil)
        #expect(rollback! == nil)
    }
}
