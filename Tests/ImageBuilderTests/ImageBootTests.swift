import Foundation
import KilnTestSupport
import Testing

/// The qemu-aarch64 image Kiln builds boots under `qemu-system-aarch64 -bios u-boot.bin`: U-Boot runs
/// Kiln's boot.scr, which picks the slot from BOOT_ORDER with boot counting and boots slot A's userland.
@Suite(.serialized) struct ImageBootTests {
    static let bootOffset = 1 << 20

    func boot(_ image: String) throws -> String {
        let machine = try QEMUMachine([
            "-M", "virt", "-cpu", "cortex-a53", "-m", "512", "-nographic", "-nic", "none", "-no-reboot",
            "-bios", try Artifacts.path("u-boot/qemu_arm64/u-boot.bin"),
            "-drive", "if=none,file=\(image),format=raw,id=d", "-device", "virtio-blk-pci,drive=d",
        ])
        let reached = machine.waitFor(ImageBuildFixture.marker, timeout: QEMUMachine.bootTimeout)
        _ = machine.waitForExit(timeout: 30)
        #expect(reached, "no marker; console:\n\(machine.output.suffix(3000))")
        return machine.output
    }

    /// The A/B state in `uboot.env` on the boot partition, read with fw_printenv.
    func state(_ image: String, in fixture: ImageBuildFixture) throws -> [String: String] {
        let copy = fixture.directory.appending("state.env")
        try? FileManager.default.removeItem(atPath: copy)
        try Command.output(["mcopy", "-n", "-i", "\(image)@@\(Self.bootOffset)", "::/uboot.env", copy])
        let config = try fixture.directory.write("state.config", "\(copy) 0x0 0x4000\n")
        let text = try Command.output(["fw_printenv", "-c", config])
        return Dictionary(text.split(separator: "\n").compactMap { line in
            line.firstIndex(of: "=").map { (String(line[..<$0]), String(line[line.index(after: $0)...])) }
        }, uniquingKeysWith: { $1 })
    }

    /// Rewrites one variable of `uboot.env` with fw_setenv, as the updater on the board would.
    func set(_ name: String, _ value: String, in image: String, fixture: ImageBuildFixture) throws {
        let copy = fixture.directory.appending("state.env")
        try? FileManager.default.removeItem(atPath: copy)
        try Command.output(["mcopy", "-n", "-i", "\(image)@@\(Self.bootOffset)", "::/uboot.env", copy])
        let config = try fixture.directory.write("state.config", "\(copy) 0x0 0x4000\n")
        try Command.output(["fw_setenv", "-c", config, name, value])
        try Command.output(["mcopy", "-o", "-n", "-i", "\(image)@@\(Self.bootOffset)", copy, "::/uboot.env"])
    }

    @Test func bootsSlotAThenFallsBackFromAnEmptySlotB() throws {
        let fixture = try ImageBuildFixture(prefix: "kiln-boot")
        defer { fixture.directory.remove() }
        let image = fixture.directory.appending("qemu.img")
        try ImageBuildFixture.kiln(try fixture.arguments(board: "qemu-aarch64", rootfs: try fixture.userland(), output: image))
        #expect(try state(image, in: fixture) == ["BOOT_ORDER": "A B", "BOOT_A_LEFT": "3", "BOOT_B_LEFT": "3"])

        let first = try boot(image)
        #expect(first.contains("kiln: booting slot A, 2 attempts left"))
        let markerLine = first.split(separator: "\n").first { $0.contains(ImageBuildFixture.marker) } ?? ""
        #expect(markerLine.contains("kiln.slot=A") && markerLine.contains("root=PARTUUID="), "\(markerLine)")
        #expect(try state(image, in: fixture)["BOOT_A_LEFT"] == "2", "U-Boot counted the attempt down and wrote it back")

        try set("BOOT_ORDER", "B A", in: image, fixture: fixture)
        let second = try boot(image)
        let b = second.range(of: "kiln: booting slot B, 2 attempts left")
        let failed = second.range(of: "kiln: slot B did not boot")
        let a = second.range(of: "kiln: booting slot A, 1 attempts left")
        #expect(b != nil && failed != nil && a != nil, "console:\n\(second.suffix(3000))")
        if let b, let failed, let a { #expect(b.lowerBound < failed.lowerBound && failed.lowerBound < a.lowerBound) }
        #expect(second.split(separator: "\n").contains { $0.contains(ImageBuildFixture.marker) && $0.contains("kiln.slot=A") })
        #expect(try state(image, in: fixture) == ["BOOT_ORDER": "B A", "BOOT_A_LEFT": "1", "BOOT_B_LEFT": "2"])
    }
}
