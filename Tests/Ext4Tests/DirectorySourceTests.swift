import Archive
import Ext4
import Foundation
import KilnTestSupport
import Testing

/// `--rootfs DIR`: a directory tree populates ext4 the same way a tar does.
@Suite struct DirectorySourceTests {
    @Test func directoryTreePopulatesACleanFilesystem() throws {
        let fixture = try Ext4Fixture()
        defer { fixture.scratch.remove() }
        let root = fixture.scratch.appending("tree")
        try FileManager.default.createDirectory(atPath: root + "/usr/lib/modules", withIntermediateDirectories: true)
        try fixture.scratch.write("tree/usr/lib/modules/a.ko", String(repeating: "x", count: 10_000))
        #expect(symlink("usr/lib", root + "/lib") == 0)
        #expect(link(root + "/usr/lib/modules/a.ko", root + "/usr/lib/modules/b.ko") == 0)

        let filesystem = try fixture.format()
        try filesystem.populate(from: DirectoryReader(path: root))
        #expect(try filesystem.directoryEntries(at: "lib/modules") == ["a.ko", "b.ko"])
        try filesystem.close()
        let region = try fixture.extractRegion()
        #expect(try Ext4Fixture.fsck(region).status == 0)
        #expect(try Ext4Fixture.debugfs(region, "stat /usr/lib/modules/b.ko").contains("Links: 2"))
    }
}
