import Archive
import Foundation
import KilnTestSupport
import Testing

/// Archives written by GNU tar (the oracle) read through `ArchiveReader`.
@Suite struct GNUTarReadTests {
    /// What Kiln needs from a root-filesystem tarball, keyed by normalized path.
    struct Seen: Equatable {
        let kind: ArchiveEntry.Kind
        let uid: UInt32
        let gid: UInt32
        let permissions: UInt32
        let data: [UInt8]
        let xattrs: [ArchiveEntry.ExtendedAttribute]
    }

    /// A small tree on disk; owners in the tarball are overridden so they come only from headers.
    static func makeTree(in scratch: TemporaryDirectory) throws -> String {
        let root = scratch.appending("tree")
        try FileManager.default.createDirectory(atPath: root + "/etc", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: root + "/bin", withIntermediateDirectories: true)
        try Data("kiln\n".utf8).write(to: URL(fileURLWithPath: root + "/etc/hostname"))
        try Data("crème\n".utf8).write(to: URL(fileURLWithPath: root + "/etc/café"))
        try Data(RootfsFixture.bigData).write(to: URL(fileURLWithPath: root + "/bin/busybox"))
        try FileManager.default.createSymbolicLink(atPath: root + "/bin/sh", withDestinationPath: "busybox")
        try setExtendedAttribute(root + "/etc/hostname", "user.kiln", Array("built".utf8))
        return root
    }

    /// `setxattr(2)`: Glibc's Swift module does not include `<sys/xattr.h>`, so look it up at run time
    /// rather than adding a C target or a tool (`setfattr`) just for one test fixture.
    static func setExtendedAttribute(_ path: String, _ name: String, _ value: [UInt8]) throws {
        typealias SetXattr = @convention(c) (
            UnsafePointer<CChar>, UnsafePointer<CChar>, UnsafeRawPointer, Int, Int32) -> Int32
        let symbol = try #require(dlsym(nil, "setxattr"))
        let setxattr = unsafeBitCast(symbol, to: SetXattr.self)
        guard value.withUnsafeBytes({ setxattr(path, name, $0.baseAddress!, $0.count, 0) }) == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: ["errno": errno])
        }
    }

    static func readAll(_ path: String) throws -> [String: Seen] {
        let reader = try ArchiveReader(path: path)
        var seen: [String: Seen] = [:]
        while let entry = try reader.next() {
            seen[entry.normalizedPath] = Seen(
                kind: entry.kind, uid: entry.uid, gid: entry.gid, permissions: entry.permissions,
                data: try reader.readAllData(), xattrs: entry.xattrs)
        }
        return seen
    }

    @Test(arguments: [("", "tar"), ("--gzip", "tar.gz"), ("--xz", "tar.xz"), ("--zstd", "tar.zst")])
    func readsEveryCompression(flag: String, suffix: String) throws {
        let scratch = try TemporaryDirectory(prefix: "kiln-archive")
        defer { scratch.remove() }
        let root = try Self.makeTree(in: scratch)
        let path = scratch.appending("rootfs." + suffix)
        _ = try Command.output(
            ["tar", "--xattrs", "--xattrs-include=*", "--owner=1234", "--group=5678", "--numeric-owner",
             "--mode=go-w", "-cf", path] + (flag.isEmpty ? [] : [flag]) + ["-C", root, "."])

        let seen = try Self.readAll(path)
        #expect(seen["etc/hostname"] == Seen(
            kind: .regular, uid: 1234, gid: 5678, permissions: 0o644, data: Array("kiln\n".utf8),
            xattrs: [.init(name: "user.kiln", value: Array("built".utf8))]))
        #expect(seen["etc/café"]?.data == Array("crème\n".utf8))
        #expect(seen["bin/sh"]?.kind == .symlink(target: "busybox"))
        let busybox = seen["bin/busybox"]?.data == RootfsFixture.bigData
        #expect(busybox)
        #expect(seen["etc"]?.kind == .directory)
        #expect(Set(seen.keys) == ["", "etc", "bin", "etc/hostname", "etc/café", "bin/busybox", "bin/sh"])
    }

    @Test(arguments: ["tar", "tar.gz"])
    func truncatedArchiveIsATypedErrorNamingTheFile(suffix: String) throws {
        let scratch = try TemporaryDirectory(prefix: "kiln-archive")
        defer { scratch.remove() }
        let root = try Self.makeTree(in: scratch)
        let path = scratch.appending("cut." + suffix)
        _ = try Command.output(["tar", "-caf", path, "-C", root, "."])
        let whole = try Data(contentsOf: URL(fileURLWithPath: path))
        try whole.prefix(whole.count / 2).write(to: URL(fileURLWithPath: path))

        let error = #expect(throws: ArchiveError.self) { _ = try Self.readAll(path) }
        guard case let .library(_, archive, _, message, _) = error else {
            Issue.record("expected a libarchive error, got \(String(describing: error))")
            return
        }
        #expect(archive == path)
        #expect(!message.isEmpty)
    }

    @Test func garbageAndMissingFilesAreTypedErrors() throws {
        let scratch = try TemporaryDirectory(prefix: "kiln-archive")
        defer { scratch.remove() }
        let garbage = scratch.appending("garbage.tar")
        try Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 1) }).write(to: URL(fileURLWithPath: garbage))
        let error = #expect(throws: ArchiveError.self) { _ = try Self.readAll(garbage) }
        #expect(error.map { "\($0)" }?.contains(garbage) == true)

        let missing = scratch.appending("missing.tar")
        let notFound = #expect(throws: ArchiveError.self) { _ = try ArchiveReader(path: missing) }
        guard case let .library(_, archive, _, _, code) = notFound else {
            Issue.record("expected a libarchive error, got \(String(describing: notFound))")
            return
        }
        #expect(archive == missing)
        #expect(code == ENOENT)
    }
}
