import Archive
import Foundation
import ImageBuilder
import KilnTestSupport
import Digest
import Sodium
import Testing

/// A NanoPi R2S image built by `nobody` (rootless), checked with the established tools: sfdisk, fw_printenv,
/// fsck.vfat, fsck.ext4, debugfs. `u-boot-rockchip`'s rock64-rk3328 files stand in for the R2S's U-Boot.
@Suite(.serialized) struct R2SImageTests {
    /// Everything `nobody` needs, copied out of root's artifact cache.
    static func unprivilegedBuild(_ fixture: ImageBuildFixture) throws -> (image: String, inputs: String) {
        let inputs = try fixture.inputDirectory("inputs", [
            ("u-boot/rock64-rk3328/idbloader.img", "bootloader/idbloader.img"),
            ("u-boot/rock64-rk3328/u-boot.itb", "bootloader/u-boot.itb"),
            ("kernel/dtbs/rockchip/rk3328-nanopi-r2s.dtb", "dtbs/rockchip/rk3328-nanopi-r2s.dtb"),
            ("kernel/Image", "Image"),
        ])
        let rootfs = try fixture.userland()
        let initrd = fixture.directory.appending("initrd.img")
        let cpio = try ArchiveWriter(path: initrd, format: .cpioNewc, filter: .gzip)
        try cpio.write(ArchiveEntry(path: "init", kind: .regular, permissions: 0o755, size: 10), data: Array("#!/bin/sh\n".utf8))
        try cpio.finish()
        let kiln = fixture.directory.appending("kiln")
        try FileManager.default.copyItem(atPath: KilnExecutable.path, toPath: kiln)
        try FileManager.default.copyItem(atPath: "\(Repository.boards)/nanopi-r2s.toml", toPath: fixture.directory.appending("nanopi-r2s.toml"))
        let output = fixture.directory.appending("out")
        try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: false)
        chmod(output, 0o777)
        let image = "\(output)/r2s.img"
        var argv = [kiln, "image", "build", "--board", fixture.directory.appending("nanopi-r2s.toml"), "--rootfs", rootfs,
                    "--kernel", "\(inputs)/Image", "--dtbs", "\(inputs)/dtbs", "--bootloader", "\(inputs)/bootloader",
                    "--initrd", initrd, "--output", image, "--bmap", "--source-date-epoch", ImageBuildFixture.epoch]
        if Privileges.isRoot { argv = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--"] + argv }
        try Command.output(argv, environment: ["HOME": "/nonexistent"])
        return (image, inputs)
    }

    @Test func layoutBlobsAndEnvironment() throws {
        let fixture = try ImageBuildFixture()
        defer { fixture.directory.remove() }
        let (image, inputs) = try Self.unprivilegedBuild(fixture)
        if Privileges.isRoot {
            var status = stat()
            #expect(stat(image, &status) == 0 && status.st_uid == 65534, "the build ran as nobody")
        }

        let table = try JSONSerialization.jsonObject(with: Data(try Command.output(["sfdisk", "--json", image]).utf8)) as! [String: Any]
        let partitions = (table["partitiontable"] as! [String: Any])["partitions"] as! [[String: Any]]
        #expect(partitions.map { $0["name"] as? String } == ["boot", "rootfs-a", "rootfs-b", "data"])
        #expect(partitions.map { $0["start"] as? Int } == [32768, 163_840, 1_736_704, 3_309_568])
        #expect(partitions.map { $0["size"] as? Int } == [131_072, 1_572_864, 1_572_864, 524_288])

        for (file, offset) in [("idbloader.img", UInt64(32 << 10)), ("u-boot.itb", UInt64(8 << 20))] {
            let blob = try Array(Data(contentsOf: URL(fileURLWithPath: "\(inputs)/bootloader/\(file)")))
            #expect(try ImageBuildFixture.read(image, offset: offset, count: blob.count) == blob, "\(file) at \(offset)")
        }

        let config = try fixture.directory.write("fw_env.config", "\(image) 0x3F8000 0x8000\n")
        let printed = try Command.output(["fw_printenv", "-c", config])
        let variables = Dictionary(printed.split(separator: "\n").compactMap { line -> (String, String)? in
            guard let equals = line.firstIndex(of: "=") else { return nil }
            return (String(line[..<equals]), String(line[line.index(after: equals)...]))
        }, uniquingKeysWith: { $1 })
        #expect(variables["BOOT_ORDER"] == "A B")
        #expect(variables["BOOT_A_LEFT"] == "3" && variables["BOOT_B_LEFT"] == "3")
        #expect(variables["bootcmd"] == "run kiln_boot")
        #expect(variables["kiln_boot"]?.contains("saveenv") == true)
        // Carried over from the U-Boot binary: a stored environment replaces the built-in one.
        #expect(variables["kernel_addr_r"] != nil && variables["fdt_addr_r"] != nil && variables["ramdisk_addr_r"] != nil)

        let map = try String(contentsOfFile: image + ".bmap", encoding: .utf8)
        #expect(map.contains("<bmap version=\"2.0\">"))
    }

    @Test func filesystemsAreCleanAndKeepTheTarsOwners() throws {
        let fixture = try ImageBuildFixture()
        defer { fixture.directory.remove() }
        let (image, _) = try Self.unprivilegedBuild(fixture)
        let boot = try fixture.extract(image, offset: 16 << 20, length: 64 << 20, to: "boot.vfat")
        try Command.output(["fsck.vfat", "-n", boot])
        #expect(try Command.output(["mdir", "-b", "-i", boot, "::/"]).contains("::/boot.scr"))
        try Command.output(["mkimage", "-l", try {
            let script = fixture.directory.appending("boot.scr")
            try Command.output(["mcopy", "-n", "-i", boot, "::/boot.scr", script])
            return script
        }()])
        let offsets: [(String, UInt64, UInt64)] = [("rootfs-a", 80 << 20, 768 << 20), ("rootfs-b", 848 << 20, 768 << 20),
                                                    ("data", 1616 << 20, 256 << 20)]
        var slotA = ""
        for (name, offset, length) in offsets {
            let path = try fixture.extract(image, offset: offset, length: length, to: name + ".ext4")
            try Command.output(["fsck.ext4", "-fn", path])
            if name == "rootfs-a" { slotA = path }
        }
        func stat(_ path: String) throws -> String { try Command.output(["debugfs", "-R", "stat \(path)", slotA]) }
        let console = try stat("/dev/console")
        #expect(console.contains("Type: character special") && console.contains("Mode:  0600"))
        #expect(console.contains("Device major/minor number: 05:01"))
        let disk = try stat("/dev/mmcblk0")
        #expect(disk.contains("Type: block special") && disk.contains("Group:     6"))
        let passwd = try stat("/usr/bin/passwd")
        #expect(passwd.contains("Mode:  04755") && passwd.contains("User:     0"))
        let notes = try stat("/home/user/notes.txt")
        #expect(notes.contains("User:  1000") && notes.contains("Group:  1000") && notes.contains("Mode:  0600"))
        let shadow = try stat("/etc/shadow")
        #expect(shadow.contains("Group:    42") && shadow.contains("Mode:  0640"))
        let su = try stat("/bin/su")
        #expect(su.contains("Links: 2"))
        #expect(try Command.output(["debugfs", "-R", "ea_list /usr/bin/ping", slotA]).contains("security.capability"))
        let boot_ = try Command.output(["debugfs", "-R", "ls -l /boot", slotA])
        for file in ["Image", "rk3328-nanopi-r2s.dtb", "initrd.img"] { #expect(boot_.contains(file), "/boot/\(file)") }
        #expect(try Command.output(["debugfs", "-R", "ls /", try fixture.extract(image, offset: 848 << 20, length: 768 << 20, to: "b2.ext4")])
            .contains("lost+found"))
    }

    @Test func inspectFindsTheBoardBlobsAndSlots() throws {
        let fixture = try ImageBuildFixture()
        defer { fixture.directory.remove() }
        let (image, inputs) = try Self.unprivilegedBuild(fixture)
        let json = try ImageBuildFixture.kiln(["image", "inspect", image, "--json"])
        let report = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any]
        #expect(report["board"] as? String == "nanopi-r2s")
        let blobs = report["blobs"] as! [[String: Any]]
        let itb = try Array(Data(contentsOf: URL(fileURLWithPath: "\(inputs)/bootloader/u-boot.itb")))
        let trimmed = Array(itb[..<((itb.lastIndex { $0 != 0 } ?? -1) + 1)])
        #expect(blobs.first { $0["file"] as? String == "u-boot.itb" }?["sha256"] as? String == (try SHA256.hash(trimmed)).hexString)
        let slots = report["slots"] as! [[String: Any]]
        #expect(slots.map { $0["name"] as? String } == ["A", "B"])
        #expect(slots.map { $0["attempts_left"] as? Int } == [3, 3])
        let partitions = (report["partition_table"] as! [String: Any])["partitions"] as! [[String: Any]]
        #expect(partitions.map { $0["filesystem"] as? String } == ["vfat", "ext4", "ext4", "ext4"])
        #expect(partitions.map { $0["label"] as? String } == ["BOOT", "rootfs-a", "rootfs-b", "data"])
        let text = try ImageBuildFixture.kiln(["image", "inspect", image])
        #expect(text.contains("BOOT_ORDER=A B") && text.contains("A (rootfs-a): priority 0, 3 attempts left"))
    }
}
