import Archive
import Foundation
import KilnTestSupport
import Testing

@Suite struct PaxRoundTripTests {
    @Test func everyFieldSurvivesAndNothingTouchesDisk() throws {
        let scratch = try TemporaryDirectory(prefix: "kiln-archive")
        defer { scratch.remove() }
        let path = scratch.appending("rootfs.tar")
        try RootfsFixture.write(to: ArchiveWriter(path: path, format: .pax))

        let read = try RootfsFixture.readAll(ArchiveReader(path: path))
        #expect(read.map(\.entry) == RootfsFixture.members.map(\.entry))
        for (got, want) in zip(read, RootfsFixture.members) {
            let sameData = got.data == want.data
            #expect(sameData, "data of \(want.entry.path)")
        }
        // Rootless: only the archive exists; no entry was ever materialised.
        #expect(try scratch.contents() == ["rootfs.tar"])
    }

    @Test func gnuTarListsOwnersModesDevicesLinksAndXattrs() throws {
        let scratch = try TemporaryDirectory(prefix: "kiln-archive")
        defer { scratch.remove() }
        let path = scratch.appending("rootfs.tar")
        try RootfsFixture.write(to: ArchiveWriter(path: path, format: .pax))

        let result = try Command.run([
            "tar", "--numeric-owner", "--xattrs", "--xattrs-include=*", "-tvvf", path,
        ])
        #expect(result.status == 0)
        // libarchive 3.6.2 stores each xattr twice, as SCHILY.xattr.* (which GNU tar reads) and
        // LIBARCHIVE.xattr.* (which GNU tar ignores with a warning); nothing else may complain.
        let complaints = result.stderr.split(separator: "\n").filter {
            !$0.hasPrefix("tar: Ignoring unknown extended header keyword 'LIBARCHIVE.xattr.")
        }
        #expect(complaints == [])
        // Columns: mode, owner/group, size or major,minor, date, time, name (with link target).
        let listed = result.stdout.split(separator: "\n").map {
            $0.split(separator: " ", maxSplits: 5, omittingEmptySubsequences: true)
                .enumerated().filter { $0.offset != 3 && $0.offset != 4 }.map { String($0.element) }
        }
        #expect(listed == [
            ["drwxr-xr-x", "0/0", "0", "etc/"],
            ["drwxr-xr-x", "0/0", "0", "bin/"],
            ["-rwsr-xr-x", "0/0", "10", "bin/busybox"],
            ["-rw-r-----", "1000/1000", "16", "home/user/notes.txt"],
            ["lrwxrwxrwx", "0/0", "0", "sbin/init -> ../bin/busybox"],
            ["hrwsr-xr-x", "0/0", "0", "bin/sh link to bin/busybox"],
            ["crw-------", "0/0", "5,1", "dev/console"],
            ["brw-rw----", "0/6", "179,0", "dev/mmcblk0"],
            ["prw-------", "0/0", "0", "run/initctl"],
            ["-rwxr-xr-x*", "0/0", "5", "usr/bin/ping"],
            ["x:", "5", "user.kiln"],
            ["x:", "20", "security.capability"],
            ["-rw-r--r--", "0/0", "0", "etc/empty"],
            ["-rw-r--r--", "0/0", "1048576", "var/big.bin"],
        ])
    }

    @Test func nonASCIINamesSurviveInPax() throws {
        let scratch = try TemporaryDirectory(prefix: "kiln-archive")
        defer { scratch.remove() }
        let path = scratch.appending("names.tar")
        let names = ["etc/café.conf", "usr/share/文字/✓", "home/jörg"]
        let writer = try ArchiveWriter(path: path, format: .pax)
        for name in names {
            try writer.write(ArchiveEntry(
                path: name, kind: .regular, permissions: 0o644, userName: "jörg", size: 2), data: [0x6f, 0x6b])
        }
        try writer.finish()

        let reader = try ArchiveReader(path: path)
        var read: [ArchiveEntry] = []
        while let entry = try reader.next() { read.append(entry) }
        #expect(read.map(\.path) == names)
        #expect(read.map(\.userName) == Array(repeating: "jörg", count: names.count))
        let listed = try Command.output(["tar", "-tf", path])
        #expect(listed == names.map { $0 + "\n" }.joined())
    }
}
