import Archive
import Ext4
import Foundation
import KilnTestSupport
import Testing

/// A tar written in memory by our ArchiveWriter, unpacked into ext4 without privileges, and
/// checked with e2fsck and debugfs.
@Suite struct PopulateTests {
    /// Formats, populates from `RootfsMembers` and closes; returns the fixture and extracted region.
    static func build(filter: ArchiveFilter = .gzip) throws -> (Ext4Fixture, String) {
        let fixture = try Ext4Fixture()
        let tar = try fixture.tar(RootfsMembers.members, filter: filter)
        let filesystem = try fixture.format()
        var progress: [UInt64] = []
        try filesystem.populate(from: ArchiveReader(path: tar)) { progress.append($0) }
        #expect(progress.last == UInt64(RootfsMembers.members.reduce(0) { $0 + $1.data.count }))
        try filesystem.close()
        return (fixture, try fixture.extractRegion())
    }

    @Test(arguments: [ArchiveFilter.none, .gzip, .xz, .zstd])
    func e2fsckFindsTheFilesystemClean(filter: ArchiveFilter) throws {
        let (fixture, region) = try Self.build(filter: filter)
        defer { fixture.scratch.remove() }
        let fsck = try Ext4Fixture.fsck(region)
        #expect(fsck.status == 0, "\(fsck.stdout)\(fsck.stderr)")
        #expect(try fixture.guardsIntact())
    }

    @Test func ownersModesDevicesAndLinksComeFromTheHeaders() throws {
        let (fixture, region) = try Self.build()
        defer { fixture.scratch.remove() }
        // debugfs `ls -l`: inode, mode (octal, with type), (file type), uid, gid, size, date, name.
        func listing(_ directory: String) throws -> [String: [String]] {
            let output = try Ext4Fixture.debugfs(region, "ls -l \(directory)")
            var rows: [String: [String]] = [:]
            for line in output.split(separator: "\n") {
                let columns = line.split(separator: " ").map(String.init)
                if let name = columns.last { rows[name] = columns }
            }
            return rows
        }
        let root = try listing("/")
        #expect(root["tmp"]?[1] == "41777")
        #expect(root["lost+found"]?[1] == "40700")
        let bin = try listing("/bin")
        #expect(bin["busybox"]?[1] == "104755")
        #expect(bin["busybox"]?[0] == bin["sh"]?[0], "hard link shares the inode")
        #expect(bin["busybox"]?[0] == bin["ash"]?[0])
        let home = try listing("/home/user")
        #expect(home["notes.txt"]?[1...4] == ["100640", "(1)", "1000", "1000"])
        #expect(try listing("/home")["user"]?[1] == "42750")
        let dev = try listing("/dev")
        #expect(dev["console"]?[1...4] == ["20600", "(3)", "0", "0"])
        #expect(dev["mmcblk0p1"]?[1...4] == ["60660", "(4)", "0", "6"])
        for (name, number) in ["console": "05:01", "mmcblk0p1": "179:01", "big": "259:300"] {
            let stat = try Ext4Fixture.debugfs(region, "stat /dev/\(name)")
            #expect(stat.contains("Device major/minor number: \(number)"), "\(name): \(stat)")
        }
        #expect(try listing("/run")["initctl"]?[1] == "10600")

        let busybox = try Ext4Fixture.debugfs(region, "stat /bin/busybox")
        #expect(busybox.contains("Links: 3"))
        let symlink = try Ext4Fixture.debugfs(region, "stat /sbin/init")
        #expect(symlink.contains("Fast link dest: \"../bin/busybox\""))
        #expect(try Ext4Fixture.debugfs(region, "cat /etc/hostname") == "replaced\n")
        #expect(try listing("/etc")["hostname"]?[1] == "100600", "the later entry replaced the earlier")
        let big = try Ext4Fixture.debugfs(region, "stat /usr/lib/big.bin")
        #expect(big.contains("Blockcount: 1536"), "the 256 KiB zero run is a hole")
        #expect(big.contains("mtime: 0x5f5e1000:3b9aca00") || big.contains("mtime: 0x5f5e1000:"))
        let dumped = fixture.scratch.appending("big.out")
        _ = try Ext4Fixture.debugfs(region, "dump /usr/lib/big.bin \(dumped)")
        let same = try Data(contentsOf: URL(fileURLWithPath: dumped)) == Data(RootfsMembers.big)
        #expect(same)
    }

    @Test func xattrsIncludingCapabilitiesAndAcls() throws {
        let (fixture, region) = try Self.build()
        defer { fixture.scratch.remove() }
        let ping = try Ext4Fixture.debugfs(region, "ea_list /usr/bin/ping")
        #expect(ping.contains("user.kiln (5) = \"built\""))
        #expect(ping.contains("security.capability (20)"))
        let notes = try Ext4Fixture.debugfs(region, "ea_list /home/user/notes.txt")
        #expect(notes.contains("system.posix_acl_access"), "\(notes)")
        #expect(notes.contains("user:1000:r--") || notes.contains("(28)") || notes.contains("(44)"), "\(notes)")
    }

    @Test func readsBackWhatItWrote() throws {
        let fixture = try Ext4Fixture()
        defer { fixture.scratch.remove() }
        let filesystem = try fixture.format()
        try filesystem.populate(from: ArchiveReader(path: fixture.tar(RootfsMembers.members)))
        #expect(try filesystem.contents(ofFile: "/usr/lib/big.bin") == RootfsMembers.big)
        #expect(try filesystem.contents(ofFile: "lib/current/modules.dep") == Array("dep\n".utf8), "follows symlinks")
        #expect(try filesystem.directoryEntries(at: "./lib/modules/6.1.0") == ["kernel", "modules.dep"])
        #expect(try filesystem.fileExists("sbin/init"))
        #expect(try !filesystem.fileExists("sbin/nothing"))
        #expect(throws: Ext4Error.notFound(path: "boot/Image")) { try filesystem.contents(ofFile: "boot/Image") }
        try filesystem.close()
    }

    @Test func extraFilesAfterTheArchive() throws {
        let fixture = try Ext4Fixture()
        defer { fixture.scratch.remove() }
        let kernel = fixture.scratch.appending("Image")
        let kernelBytes = (0..<(3 << 20) + 123).map { UInt8(truncatingIfNeeded: $0 &* 31 >> 3) }
        try Data(kernelBytes).write(to: URL(fileURLWithPath: kernel))
        let filesystem = try fixture.format()
        try filesystem.populate(from: ArchiveReader(path: fixture.tar(RootfsMembers.members)))
        try filesystem.addDirectory("/boot/dtbs", mode: 0o700)
        try filesystem.addFile("boot/Image", copying: kernel)
        try filesystem.addFile("boot/initrd.img", contents: Array("initramfs".utf8), mode: 0o600, uid: 5, gid: 7)
        try filesystem.close()
        let region = try fixture.extractRegion()
        #expect(try Ext4Fixture.fsck(region).status == 0)
        let dumped = fixture.scratch.appending("Image.out")
        _ = try Ext4Fixture.debugfs(region, "dump /boot/Image \(dumped)")
        let same = try Data(contentsOf: URL(fileURLWithPath: dumped)) == Data(kernelBytes)
        #expect(same)
        let initrd = try Ext4Fixture.debugfs(region, "stat /boot/initrd.img")
        #expect(initrd.contains("Mode:  0600") && initrd.contains("User:     5") && initrd.contains("Group:     7"))
        #expect(try Ext4Fixture.debugfs(region, "stat /boot/dtbs").contains("Mode:  0700"))
    }

    @Test func fullFilesystemNamesTheEntryAndTheSize() throws {
        let fixture = try Ext4Fixture(size: 16 << 20)
        defer { fixture.scratch.remove() }
        let data = [UInt8](repeating: 0x5A, count: 24 << 20)
        let tar = try fixture.tar([TarMember("usr/lib/big.bin", .regular, 0o644, data: data)], filter: .none)
        let filesystem = try fixture.format()
        #expect {
            try filesystem.populate(from: ArchiveReader(path: tar))
        } throws: { error in
            "\(error)" == "\(fixture.image): no space left in the 16 MiB ext4 filesystem while writing usr/lib/big.bin"
        }
    }

    @Test func corruptArchiveErrorsPassThroughWithTheEntry() throws {
        let fixture = try Ext4Fixture()
        defer { fixture.scratch.remove() }
        let tar = try fixture.tar(RootfsMembers.members, filter: .none)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: tar))
        let truncated = fixture.scratch.appending("truncated.tar")
        try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: truncated))
        let filesystem = try fixture.format()
        #expect {
            try filesystem.populate(from: ArchiveReader(path: truncated))
        } throws: { error in
            guard case .archive(.library(_, _, let entry?, _, _)) = error as? Ext4Error else { return false }
            return !entry.isEmpty
        }
    }
}
