import KilnTestSupport
import Archive
import Testing

@Suite struct CpioNewcTests {
    /// The fixture minus what newc cannot hold (hard links, xattrs); Kiln's initramfs looks like this.
    static let members = RootfsFixture.members.filter {
        if case .hardlink = $0.entry.kind { return false }
        return $0.entry.xattrs.isEmpty
    }

    @Test func gnuCpioListsWhatKilnWrote() throws {
        let scratch = try TemporaryDirectory(prefix: "kiln-archive")
        defer { scratch.remove() }
        let path = scratch.appending("initramfs.cpio")
        try RootfsFixture.write(to: ArchiveWriter(path: path, format: .cpioNewc), members: Self.members)

        let listing = try Command.output(["cpio", "-itv", "--numeric-uid-gid", "--quiet"], stdin: path)
        // Columns: mode, nlink, uid, gid, size or "major, minor", date (3 columns), name.
        let listed = listing.split(separator: "\n").map { line in
            let columns = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            let device = columns[4].hasSuffix(",")
            let size = device ? columns[4] + columns[5] : columns[4]
            let name = columns[(device ? 9 : 8)...].joined(separator: " ")
            return [columns[0], columns[2], columns[3], size, name]
        }
        #expect(listed == [
            ["drwxr-xr-x", "0", "0", "0", "etc/"],
            ["drwxr-xr-x", "0", "0", "0", "bin/"],
            ["-rwsr-xr-x", "0", "0", "10", "bin/busybox"],
            ["-rw-r-----", "1000", "1000", "16", "home/user/notes.txt"],
            ["lrwxrwxrwx", "0", "0", "14", "sbin/init -> ../bin/busybox"],
            ["crw-------", "0", "0", "5,1", "dev/console"],
            ["brw-rw----", "0", "6", "179,0", "dev/mmcblk0"],
            ["prw-------", "0", "0", "0", "run/initctl"],
            ["-rw-r--r--", "0", "0", "0", "etc/empty"],
            ["-rw-r--r--", "0", "0", "1048576", "var/big.bin"],
        ])
    }

    @Test func readsBackEveryFieldNewcCanHold() throws {
        let scratch = try TemporaryDirectory(prefix: "kiln-archive")
        defer { scratch.remove() }
        let path = scratch.appending("initramfs.cpio")
        try RootfsFixture.write(to: ArchiveWriter(path: path, format: .cpioNewc), members: Self.members)

        let read = try RootfsFixture.readAll(ArchiveReader(path: path))
        // newc has no owner names and whole-second times.
        let expected = Self.members.map {
            var entry = $0.entry
            entry.userName = nil
            entry.groupName = nil
            entry.modificationTime.nanoseconds = 0
            return entry
        }
        #expect(read.map(\.entry) == expected)
        let sameData = read.map(\.data) == Self.members.map(\.data)
        #expect(sameData)
        #expect(try scratch.contents() == ["initramfs.cpio"])
    }

    @Test func refusesWhatNewcWouldSilentlyDrop() throws {
        let scratch = try TemporaryDirectory(prefix: "kiln-archive")
        defer { scratch.remove() }
        let path = scratch.appending("initramfs.cpio")
        let writer = try ArchiveWriter(path: path, format: .cpioNewc)
        let link = ArchiveEntry(path: "bin/sh", kind: .hardlink(target: "bin/busybox"), permissions: 0o755)
        #expect(throws: ArchiveError.invalidEntry(
            archive: path, entry: "bin/sh", reason: "hard links are not supported in cpio newc")) {
            try writer.write(link)
        }
        let ping = RootfsFixture.members.first { !$0.entry.xattrs.isEmpty }!
        #expect(throws: ArchiveError.invalidEntry(
            archive: path, entry: ping.entry.path,
            reason: "cpioNewc cannot store extended attributes; use .pax")) {
            try writer.write(ping.entry, data: ping.data)
        }
        try writer.finish()
    }
}
