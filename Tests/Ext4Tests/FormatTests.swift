import Ext4
import Foundation
import KilnTestSupport
import Testing

/// An empty filesystem against `mke2fs -t ext4` and `e2fsck`, inside a region of a larger file.
@Suite struct FormatTests {
    @Test func emptyFilesystemIsCleanSparseAndStaysInsideItsRegion() throws {
        let fixture = try Ext4Fixture(size: 384 << 20)
        defer { fixture.scratch.remove() }
        try fixture.format().close()

        #expect(try fixture.guardsIntact(), "bytes before and after the region are untouched")
        var status = stat()
        #expect(stat(fixture.image, &status) == 0)
        let allocated = UInt64(status.st_blocks) * 512
        // 2 MiB of guards plus superblocks, descriptors, bitmaps, the root, the journal superblock.
        #expect(allocated < 8 << 20, "allocated \(allocated) bytes")
        let region = try fixture.extractRegion()
        let fsck = try Ext4Fixture.fsck(region)
        #expect(fsck.status == 0, "\(fsck.stdout)\(fsck.stderr)")
    }

    @Test func superblockMatchesMke2fs() throws {
        let fixture = try Ext4Fixture()
        defer { fixture.scratch.remove() }
        try fixture.format().close()
        let ours = try Self.header(fixture.extractRegion())

        let reference = fixture.scratch.appending("reference.img")
        try Command.output(["truncate", "-s", "\(fixture.size)", reference])
        try Command.output(["mke2fs", "-q", "-F", "-t", "ext4", "-b", "4096", "-T", "default", reference])
        let theirs = try Self.header(reference)

        for field in ["Filesystem features", "Block size", "Inode size", "Inode count", "Block count",
                      "Reserved block count", "Blocks per group", "Inodes per group", "Flex block group size",
                      "Reserved GDT blocks", "Journal size", "Default mount options", "Filesystem flags",
                      "Default directory hash", "Checksum type", "Required extra isize", "Desired extra isize",
                      "Maximum mount count", "Errors behavior"] {
            #expect(ours[field] == theirs[field], "\(field)")
        }
        #expect(ours["Filesystem volume name"] == "rootfs-a")
        #expect(ours["Filesystem UUID"] == "01080f16-1d24-2b32-3940-474e555c636a")
        #expect(ours["Filesystem created"] == "Tue Nov 14 22:13:20 2023")
    }

    @Test func regionPastTheEndOfTheFileIsRefused() throws {
        let fixture = try Ext4Fixture()
        defer { fixture.scratch.remove() }
        var parameters = fixture.parameters()
        parameters.size += 2 << 20
        #expect(throws: Ext4Error.self) {
            try Ext4Filesystem.format(path: fixture.image, offset: fixture.offset, parameters: parameters)
        }
        #expect(try fixture.guardsIntact())
    }

    /// `dumpe2fs -h` as a dictionary of its `Name: value` lines.
    static func header(_ region: String) throws -> [String: String] {
        let output = try Command.output(["dumpe2fs", "-h", region])
        var fields: [String: String] = [:]
        for line in output.split(separator: "\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            fields[String(line[..<colon])] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return fields
    }
}
