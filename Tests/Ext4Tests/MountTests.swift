import Archive
import Ext4
import Foundation
import KilnTestSupport
import Testing

/// The kernel mounts the region in place (a loop device over the offset) and reads the files.
@Suite struct MountTests {
    @Test(.requiresRoot) func kernelMountsTheRegionAndReadsTheFiles() throws {
        let (fixture, _) = try PopulateTests.build()
        defer { fixture.scratch.remove() }
        let loop = try Command.output([
            "losetup", "-f", "--show", "-r", "-o", "\(fixture.offset)", "--sizelimit", "\(fixture.size)", fixture.image,
        ]).trimmingCharacters(in: .whitespacesAndNewlines)
        defer { _ = try? Command.run(["losetup", "-d", loop]) }
        let mountPoint = fixture.scratch.appending("mnt")
        try FileManager.default.createDirectory(atPath: mountPoint, withIntermediateDirectories: true)
        try Command.output(["mount", "-t", "ext4", "-o", "ro", loop, mountPoint])
        defer { _ = try? Command.run(["umount", mountPoint]) }

        let big = try Data(contentsOf: URL(fileURLWithPath: mountPoint + "/usr/lib/big.bin"))
        #expect(big == Data(RootfsMembers.big))
        let stat = try Command.output(["stat", "-c", "%a %u %g %F %t,%T", mountPoint + "/dev/mmcblk0p1"])
        #expect(stat == "660 0 6 block special file b3,1\n")
        #expect(try Command.output(["readlink", mountPoint + "/sbin/init"]) == "../bin/busybox\n")
        let capability = try Command.output(["getcap", mountPoint + "/usr/bin/ping"])
        #expect(capability.contains("cap_net_raw=p"))
        let access = try Command.output(["ls", "-l", mountPoint + "/home/user/notes.txt"])
        #expect(access.hasPrefix("-rw-r-----+"), "the POSIX ACL is visible to the kernel: \(access)")
    }
}
