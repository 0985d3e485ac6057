import Foundation
import KilnTestSupport
import Testing

/// Raspberry Pi 4 and 3 images: an MBR disk whose FAT boot partition carries the firmware, config.txt chaining
/// U-Boot, cmdline.txt, boot.scr and a `uboot.env` that fw_printenv reads; checked with mtools.
@Suite(.serialized) struct RPiImageTests {
    static let bootOffset = 4 << 20

    @Test(arguments: ["rpi4", "rpi3"]) func bootPartitionAndEnvironment(board: String) throws {
        let fixture = try ImageBuildFixture(prefix: "kiln-\(board)")
        defer { fixture.directory.remove() }
        let image = fixture.directory.appending("\(board).img")
        try ImageBuildFixture.kiln(try fixture.arguments(board: board, rootfs: try fixture.userland(), output: image))
        let drive = "\(image)@@\(Self.bootOffset)"

        let table = try JSONSerialization.jsonObject(with: Data(try Command.output(["sfdisk", "--json", image]).utf8)) as! [String: Any]
        let partitionTable = table["partitiontable"] as! [String: Any]
        #expect(partitionTable["label"] as? String == "dos")
        let signature = (partitionTable["id"] as! String).dropFirst(2)
        #expect((partitionTable["partitions"] as! [[String: Any]]).map { $0["start"] as? Int } == [8192, 262_144, 1_835_008, 3_407_872])

        let listing = try Command.output(["mdir", "-b", "-i", drive, "::/"])
        let expected = board == "rpi4" ? ["start4.elf", "fixup4.dat", "bcm2711-rpi-4-b.dtb"] : ["bootcode.bin", "start.elf", "fixup.dat", "bcm2837-rpi-3-b.dtb"]
        for file in expected + ["u-boot.bin", "config.txt", "cmdline.txt", "boot.scr", "uboot.env"] {
            #expect(listing.contains("::/\(file)"), "\(file) in \(listing)")
        }
        let firmware = board == "rpi4" ? "start4.elf" : "start.elf"
        let copied = fixture.directory.appending(firmware)
        try Command.output(["mcopy", "-n", "-i", drive, "::/\(firmware)", copied])
        try Command.output(["cmp", copied, try Artifacts.path("firmware/rpi/\(firmware)")])

        let config = try Command.output(["mtype", "-i", drive, "::/config.txt"])
        for line in ["kernel=u-boot.bin", "arm_64bit=1", "enable_uart=1"] { #expect(config.contains(line)) }
        let cmdline = try Command.output(["mtype", "-i", drive, "::/cmdline.txt"])
        #expect(cmdline.contains("root=PARTUUID=\(signature)-02") && cmdline.contains("kiln.slot=A"), "\(cmdline)")

        let environment = fixture.directory.appending("uboot.env")
        try Command.output(["mcopy", "-n", "-i", drive, "::/uboot.env", environment])
        let printed = try Command.output(["fw_printenv", "-c", try fixture.directory.write("fw_env.config", "\(environment) 0x0 0x4000\n")])
        for line in ["BOOT_ORDER=A B", "BOOT_A_LEFT=3", "BOOT_B_LEFT=3", "bootcmd=run kiln_boot", "kernel_addr_r=0x00080000"] {
            #expect(printed.contains(line), "\(line)")
        }
        #expect(printed.contains("kiln_boot=") && printed.contains("saveenv"))
        let script = fixture.directory.appending("boot.scr")
        try Command.output(["mcopy", "-n", "-i", drive, "::/boot.scr", script])
        #expect(try Command.output(["mkimage", "-l", script]).contains("Script"))
        let boot = try fixture.extract(image, offset: UInt64(Self.bootOffset), length: 124 << 20, to: "boot.vfat")
        try Command.output(["fsck.vfat", "-n", boot])
    }
}
