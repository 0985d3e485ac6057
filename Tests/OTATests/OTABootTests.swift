import Foundation
import KilnTestSupport
import Testing

/// End to end under QEMU with Kiln's qemu-aarch64 image: boot slot A; install version 2 through the image's loop
/// devices as the device would; boot into B running version 2 and mark it good; install a version 3 that never
/// comes up healthy (its init reboots): U-Boot spends its attempts and falls back to B, and `ota status` says so.
@Suite(.requiresRoot, .serialized) struct OTABootTests {
    /// Boots `image` until it powers off; a system that reboots is booted again by QEMU unless `exitOnReboot`.
    func boot(_ image: String, until marker: String, exitOnReboot: Bool = true, timeout: TimeInterval = QEMUMachine.bootTimeout) throws -> String {
        let machine = try QEMUMachine([
            "-M", "virt", "-cpu", "cortex-a53", "-m", "512", "-nographic", "-nic", "none",
            "-bios", try Artifacts.path("u-boot/qemu_arm64/u-boot.bin"),
            "-drive", "if=none,file=\(image),format=raw,id=d", "-device", "virtio-blk-pci,drive=d",
        ] + (exitOnReboot ? ["-no-reboot"] : []))
        let reached = machine.waitFor(marker, timeout: timeout)
        if machine.waitForExit(timeout: 30) == nil { machine.kill() }
        #expect(reached, "no \(marker); console:\n\(machine.output.suffix(4000))")
        return machine.output
    }

    /// The console line carrying `marker`.
    func line(_ output: String, _ marker: String) -> String {
        output.split(separator: "\n").first { $0.contains(marker) }.map(String.init) ?? ""
    }

    /// Attaches the image, runs `body` as the device booted from `booted`, detaches.
    func onDevice(_ image: String, _ directory: TemporaryDirectory, _ body: (OTADevice, String) throws -> Void) throws {
        let device = try OTADevice(image: image, directory: directory)
        defer { device.detach() }
        try body(device, try device.configure(keys: [try OTAImages.key("release").public]))
    }

    @Test func updatesThenFallsBackFromAVersionThatNeverComesUp() throws {
        let directory = try TemporaryDirectory(prefix: "kiln-ota-boot")
        let image = try OTAImages.copy(try OTAImages.image(version: 1), into: directory)
        // Bundles carry slot images the image builder made: kernel, Kiln's initramfs and the userland in /boot.
        let v2 = try OTAImages.bundle("boot-v2", version: "2.0.0", rootfs: try OTAImages.slotImage(of: try OTAImages.image(version: 2)))
        let v3 = try OTAImages.bundle("boot-v3", version: "3.0.0",
                                      rootfs: try OTAImages.slotImage(of: try OTAImages.image(version: 3, reboots: true)))

        let first = try boot(image, until: OTAImages.marker(1))
        #expect(line(first, OTAImages.marker(1)).contains("kiln.slot=A"))
        try onDevice(image, directory) { device, config in
            #expect(try device.kiln(["ota", "mark-good"], booted: "A", config: config).status == 0)
            let install = try device.kiln(["ota", "install", v2], booted: "A", config: config)
            #expect(install.status == 0, "\(install.stderr)")
        }

        let second = try boot(image, until: OTAImages.marker(2))
        #expect(second.contains("kiln: booting slot B, 2 attempts left"))
        #expect(line(second, OTAImages.marker(2)).contains("kiln.slot=B"), "version 2 runs from slot B")
        try onDevice(image, directory) { device, config in
            #expect(try device.environment()["BOOT_B_LEFT"] == "2", "U-Boot counted the attempt")
            #expect(try device.kiln(["ota", "mark-good"], booted: "B", config: config).status == 0)
            #expect(try device.environment()["BOOT_B_LEFT"] == "3")
            let install = try device.kiln(["ota", "install", v3], booted: "B", config: config)
            #expect(install.status == 0, "\(install.stderr)")
        }

        // Version 3 reboots before anything marks it good: three tries of A, then B.
        let third = try boot(image, until: OTAImages.marker(2), exitOnReboot: false, timeout: 4 * QEMUMachine.bootTimeout)
        #expect(third.components(separatedBy: OTAImages.marker(3)).count - 1 == 3, "A came up three times")
        for left in [2, 1, 0] { #expect(third.contains("kiln: booting slot A, \(left) attempts left")) }
        #expect(line(third, OTAImages.marker(2)).contains("kiln.slot=B"), "fell back to version 2 in slot B")
        try onDevice(image, directory) { device, config in
            let result = try device.kiln(["ota", "status", "--json"], booted: "B", config: config)
            let status = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: Any]
            #expect(status["booted"] as? String == "B" && status["primary"] as? String == "B")
            #expect(status["rolled_back"] as? Bool == true)
            let slotA = (status["slots"] as! [[String: Any]]).first { $0["name"] as? String == "A" }!
            #expect(slotA["state"] as? String == "bad" && slotA["attempts_left"] as? Int == 0 && slotA["version"] as? String == "3.0.0")
            let text = try device.kiln(["ota", "status"], booted: "B", config: config).stdout
            #expect(text.contains("rolled back: slot A (3.0.0) did not come up healthy; the bootloader fell back to slot B"), "\(text)")
        }
    }
}
