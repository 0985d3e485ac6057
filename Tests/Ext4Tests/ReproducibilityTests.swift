import Archive
import Ext4
import Foundation
import KilnTestSupport
import Testing

/// Same inputs, same bytes: two builds in different directories, umasks and seconds.
@Suite(.serialized) struct ReproducibilityTests {
    @Test(arguments: [Int64(1_700_000_000), 0])
    func twoBuildsAreBitIdentical(timestamp: Int64) throws {
        var digests: [String] = []
        for (index, mask) in [mode_t(0o022), 0o077].enumerated() {
            let previous = umask(mask)
            defer { umask(previous) }
            let fixture = try Ext4Fixture(prefix: "kiln-ext4-run\(index)")
            defer { fixture.scratch.remove() }
            let filesystem = try fixture.format(timestamp: timestamp)
            try filesystem.populate(from: ArchiveReader(path: fixture.tar(RootfsMembers.members)))
            try filesystem.addFile("boot/extra", contents: Array("x".utf8))
            try filesystem.close()
            let region = try fixture.extractRegion()
            digests.append(String(try Command.output(["sha256sum", region]).prefix(64)))
            if index == 0 { sleep(1) }
        }
        #expect(digests[0] == digests[1])
    }
}
