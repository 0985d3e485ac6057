import Archive
import Ext4
import Foundation
import KilnTestSupport
import Testing

/// Same inputs, same bytes: two builds in different directories and seconds. (The umask is the
/// whole test process's, shared with the suites running alongside, so it is varied only where
/// Kiln runs as a child: ImageReproducibilityTests builds images, ext4 slots included, under 022 and 077.)
@Suite(.serialized) struct ReproducibilityTests {
    @Test(arguments: [Int64(1_700_000_000), 0])
    func twoBuildsAreBitIdentical(timestamp: Int64) throws {
        var digests: [String] = []
        for index in 0..<2 {
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
