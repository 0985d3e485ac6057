import Archive
import Foundation
import KilnTestSupport
import Testing

/// Same entries in, same bytes out, for every format and filter: no clock, user or pid leaks.
@Suite struct ReproducibilityTests {
    static let combinations = ArchiveFormat.allCases.flatMap { format in
        ArchiveFilter.allCases.map { (format, $0) }
    }

    /// The fixture reduced to what `format` stores, so every format gets every entry it can hold.
    static func members(for format: ArchiveFormat) -> [RootfsFixture.Member] {
        RootfsFixture.members.filter { member in
            if format != .pax && !member.entry.xattrs.isEmpty { return false }
            if case .hardlink = member.entry.kind { return format != .cpioNewc }
            return true
        }
    }

    static func bytes(_ path: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    @Test func sameEntriesGiveIdenticalBytes() throws {
        let scratch = try TemporaryDirectory(prefix: "kiln-archive")
        defer { scratch.remove() }
        for round in 1...2 {
            for (format, filter) in Self.combinations {
                let path = scratch.appending("\(format)-\(filter)-\(round)")
                try RootfsFixture.write(
                    to: ArchiveWriter(path: path, format: format, filter: filter), members: Self.members(for: format))
            }
            // Let the clock tick past a whole second, the resolution of every archive timestamp,
            // so a leaked "now" would differ between the rounds.
            if round == 1 { Thread.sleep(forTimeInterval: 1.1) }
        }
        for (format, filter) in Self.combinations {
            let first = try Self.bytes(scratch.appending("\(format)-\(filter)-1"))
            let second = try Self.bytes(scratch.appending("\(format)-\(filter)-2"))
            let identical = first == second
            #expect(identical, "\(format) with \(filter)")
            #expect(!first.isEmpty)
        }
        // gzip's header MTIME field (bytes 4..<8) must be zero, not the time of writing.
        let gzip = try Self.bytes(scratch.appending("pax-gzip-1"))
        #expect(Array(gzip.prefix(4)) == [0x1f, 0x8b, 0x08, 0x00], "gzip magic, deflate, no FNAME")
        #expect(Array(gzip[4..<8]) == [0, 0, 0, 0])
        // GNU tar names pax headers after its pid (`PaxHeaders.PID/NAME`); libarchive must not. Only
        // header names are searched: the pid's digits may well occur in a time stamp or the data.
        let pax = String(decoding: try Self.bytes(scratch.appending("pax-none-1")), as: UTF8.self)
        #expect(pax.contains("PaxHeader"), "the archive has pax headers at all")
        #expect(!pax.contains("PaxHeaders.\(getpid())"))
    }

    @Test(arguments: ArchiveFilter.allCases)
    func compressedTarsAreReadableByGNUTar(filter: ArchiveFilter) throws {
        let scratch = try TemporaryDirectory(prefix: "kiln-archive")
        defer { scratch.remove() }
        let path = scratch.appending("rootfs.tar")
        try RootfsFixture.write(to: ArchiveWriter(path: path, format: .pax, filter: filter))
        let listed = try Command.run(["tar", "-tf", path])
        #expect(listed.status == 0)
        #expect(listed.stdout == RootfsFixture.members.map { $0.entry.path + "\n" }.joined())
    }

    @Test func fileDescriptorOutputMatchesPathOutputAndReadsBackFromMemory() throws {
        let scratch = try TemporaryDirectory(prefix: "kiln-archive")
        defer { scratch.remove() }
        let byPath = scratch.appending("by-path.tar.zst")
        try RootfsFixture.write(to: ArchiveWriter(path: byPath, format: .pax, filter: .zstd))
        let byFD = scratch.appending("by-fd.tar.zst")
        let fd = open(byFD, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        try #require(fd >= 0)
        defer { close(fd) }
        try RootfsFixture.write(to: ArchiveWriter(fileDescriptor: fd, format: .pax, filter: .zstd))
        let written = try Self.bytes(byFD)
        let same = written == (try Self.bytes(byPath))
        #expect(same)

        let read = try RootfsFixture.readAll(ArchiveReader(bytes: written, name: "bundle"))
        #expect(read.map(\.entry) == RootfsFixture.members.map(\.entry))
    }
}
