import Foundation
import KilnTestSupport
import Netfilter
import Testing

/// Tables against the real kernel, each test in a fresh network namespace, checked with `nft`.
@Suite(.enabled(if: LiveTests.enabled, "needs root; runs when root or CI is set"))
struct LiveTableTests {
    @Test func addListAndDeleteInOneNamespaceOnly() throws {
        try LiveTests.requireRoot()
        let hostBefore = try NftOracle.hostRuleset()
        let namespace = try NetworkNamespace(prefix: "kiln-test")
        // The socket is bound to the namespace it was opened in, whichever thread uses it later.
        let socket = try namespace.run { try NetlinkSocket() }
        let kiln = Table(family: .inet, name: "kiln"), other = Table(family: .ip, name: "other")

        let generationBefore = try socket.generation()
        var batch = Batch()
        try batch.add(kiln)
        try batch.add(other)
        #expect(batch.count == 2)
        try socket.send(batch)

        let listed = try socket.tables()
        #expect(Set(listed.map(\.description)) == ["table inet kiln", "table ip other"])
        for table in listed {
            #expect(table.flags == [])
            #expect(table.handle != nil)
            #expect(table.use == 0)
            #expect(table.owner == nil)
        }
        #expect(try socket.tables(family: .ip).map(\.description) == ["table ip other"])
        #expect(Set(try NftOracle.tables(in: namespace).map { "\($0.family) \($0.name)" }) == ["inet kiln", "ip other"])
        #expect(try socket.generation() > generationBefore)

        try socket.send(deleting: kiln)
        #expect(try socket.tables().map(\.description) == ["table ip other"])
        #expect(try NftOracle.tables(in: namespace).map(\.name) == ["other"])

        try namespace.remove()
        #expect(try NftOracle.hostRuleset() == hostBefore)
    }

    @Test func failedBatchesNameTheObjectAndChangeNothing() throws {
        try LiveTests.requireRoot()
        let namespace = try NetworkNamespace(prefix: "kiln-test")
        defer { try? namespace.remove() }
        let socket = try namespace.run { try NetlinkSocket() }
        let kiln = Table(family: .inet, name: "kiln")
        var setup = Batch()
        try setup.add(Table(family: .ip, name: "other"))
        try socket.send(setup)

        let again = try #require(throws: NetfilterError.self) { try socket.send(deleting: kiln) }
        #expect(again.operation == .delete)
        #expect(again.object == "table inet kiln")
        #expect(again.errno == .noSuchFileOrDirectory)

        var mixed = Batch()
        try mixed.add(Table(family: .ip6, name: "atomic"))
        try mixed.delete(Table(family: .inet, name: "missing"))
        let generationBeforeMixed = try socket.generation()
        let failure = try #require(throws: NetfilterError.self) { try socket.send(mixed) }
        #expect(failure.object == "table inet missing")
        #expect(failure.errno == .noSuchFileOrDirectory)
        #expect(try socket.tables().map(\.description) == ["table ip other"])
        #expect(try NftOracle.tables(in: namespace).map(\.name) == ["other"])
        #expect(try socket.generation() == generationBeforeMixed)
    }

    @Test func dormantFlagIsAppliedAndReported() throws {
        try LiveTests.requireRoot()
        let namespace = try NetworkNamespace(prefix: "kiln-test")
        defer { try? namespace.remove() }
        let socket = try namespace.run { try NetlinkSocket() }
        var batch = Batch()
        try batch.create(Table(family: .netdev, name: "asleep", flags: .dormant))
        try socket.send(batch)

        #expect(try socket.tables().map(\.flags) == [.dormant])
        #expect(try NftOracle.flags(of: "netdev", "asleep", in: namespace) == ["dormant"])

        let duplicate = try #require(throws: NetfilterError.self) { try socket.send(batch) }
        #expect(duplicate.operation == .create)
        #expect(duplicate.errno == .fileExists)

        // A listed table carries its handle, and deleting it goes by that handle.
        let listed = try #require(try socket.tables().first)
        try socket.send(deleting: listed)
        #expect(try socket.tables().isEmpty)
        #expect(try NftOracle.tables(in: namespace).isEmpty)
    }

    @Test func ownedTableLivesAsLongAsItsSocket() throws {
        try LiveTests.requireRoot()
        let namespace = try NetworkNamespace(prefix: "kiln-test")
        defer { try? namespace.remove() }
        let observer = try namespace.run { try NetlinkSocket() }
        var owner: NetlinkSocket? = try namespace.run { try NetlinkSocket() }
        let ownerPortID = try #require(owner?.portID)
        var batch = Batch()
        try batch.add(Table(family: .inet, name: "owned", flags: .owner))
        try owner?.send(batch)

        let listed = try #require(try observer.tables().first)
        #expect(listed.description == "table inet owned")
        #expect(listed.flags == .owner)
        #expect(listed.owner == ownerPortID)
        #expect(try NftOracle.tables(in: namespace).map(\.name) == ["owned"])
        #expect(try NftOracle.flags(of: "inet", "owned", in: namespace) == ["owner"])

        owner = nil  // closes the socket; the kernel destroys the tables it owns
        #expect(try Self.eventually { try observer.tables().isEmpty })
        #expect(try NftOracle.tables(in: namespace).isEmpty)
    }

    /// The socket is close-on-exec: a child started while it is open (here with a bare
    /// posix_spawn, which passes on every inheritable descriptor) must not keep it, or the
    /// kernel would keep the table the socket owns for as long as the child runs.
    @Test func aChildDoesNotInheritTheSocket() throws {
        try LiveTests.requireRoot()
        let namespace = try NetworkNamespace(prefix: "kiln-test")
        defer { try? namespace.remove() }
        let observer = try namespace.run { try NetlinkSocket() }
        var owner: NetlinkSocket? = try namespace.run { try NetlinkSocket() }
        var batch = Batch()
        try batch.add(Table(family: .inet, name: "owned", flags: .owner))
        try owner?.send(batch)
        var child: pid_t = 0
        let arguments = ["/bin/sleep", "30"]
        let argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        #expect(posix_spawn(&child, "/bin/sleep", nil, nil, argv, environ) == 0)
        defer { if child > 0 { kill(child, SIGKILL); var status: Int32 = 0; waitpid(child, &status, 0) } }
        owner = nil
        #expect(try Self.eventually { try observer.tables().isEmpty })
    }

    /// Whether `condition` holds within ten seconds. A socket's release is not always done when
    /// `close` returns: a child that another test is starting at that moment holds a copy of every
    /// descriptor until its exec closes the close-on-exec ones, and the last copy releases it.
    static func eventually(_ condition: () throws -> Bool) rethrows -> Bool {
        for _ in 0..<1000 {
            if try condition() { return true }
            usleep(10_000)
        }
        return try condition()
    }

    @Test func kernelExtendedAckTextIsSurfaced() throws {
        try LiveTests.requireRoot()
        let namespace = try NetworkNamespace(prefix: "kiln-test")
        defer { try? namespace.remove() }
        let socket = try namespace.run { try NetlinkSocket() }
        let error = try #require(throws: NetfilterError.self) {
            try socket.sendUnchecked(tableNamed: String(repeating: "n", count: 300))
        }
        // The name attribute exceeds NFT_NAME_MAXLEN: netlink policy validation rejects it.
        #expect(error.errno == NetfilterError.Errno(rawValue: ERANGE))
        #expect(error.kernelMessage == "Attribute failed policy validation")
        #expect(error.object?.hasPrefix("table ip nnn") == true)
    }

    @Test func largeBatchAndMultipartDump() throws {
        try LiveTests.requireRoot()
        let namespace = try NetworkNamespace(prefix: "kiln-test")
        defer { try? namespace.remove() }
        let socket = try namespace.run { try NetlinkSocket() }
        let names = (0..<2000).map { "table-\($0)-" + String(repeating: "x", count: 100) }
        var batch = Batch()
        for name in names { try batch.add(Table(family: .inet, name: name)) }
        try socket.send(batch)
        #expect(Set(try socket.tables().map(\.name)) == Set(names))
        #expect(Set(try NftOracle.tables(in: namespace).map(\.name)) == Set(names))
    }
}

extension NetlinkSocket {
    fileprivate func send(deleting table: Table) throws {
        var batch = Batch()
        try batch.delete(table)
        try send(batch)
    }
}
