import Emulation
import Foundation
import KilnTestSupport
import Testing

extension HostEmulation {
    /// `kiln rootfs build` of a minimal arm64 bookworm with the qemu-aarch64 board's package, through
    /// to an image that boots under QEMU. The one slow test (2-4 minutes of emulated dpkg).
    @Suite struct RootfsBuildTests {
        static let marker = "KILN-ROOTFS-UP"
        static let epoch = "1700000000"

        /// Replaces the (absent) init with one that proves the userland is up, then powers off.
        static let customizeScript = """
            set -e
            cat > /usr/sbin/init <<'INIT'
            #!/bin/busybox sh
            /bin/busybox mount -t proc proc /proc
            echo "\(marker) debian $(/bin/busybox cat /etc/debian_version) $(/bin/busybox uname -m)"
            /bin/busybox poweroff -f
            INIT
            chmod 0755 /usr/sbin/init
            uname -m > /etc/kiln-customized-on
            """

        @Test func minbaseWithTheBoardsPackageFeedsTheImageBuilder() throws {
            let snapshot = try BinfmtSnapshot()
            defer { snapshot.restore(); #expect(snapshot.isRestored) }
            try HostEmulation.registered(snapshot)
            let directory = try HostEmulation.scratchDirectory("rootfs")
            defer { directory.remove() }
            let script = try directory.write("customize.sh", Self.customizeScript)
            let output = directory.appending("rootfs.tar")
            let mounts = try HostEmulation.mountinfo()

            let built = try KilnExecutable.run(["rootfs", "build", "--arch", "arm64", "--variant", "minbase", "--board", "qemu-aarch64",
                                                "--customize", script, "--output", output],
                                               environment: ["SOURCE_DATE_EPOCH": Self.epoch])
            try #require(built.status == 0, "\(built.stderr)")
            #expect(try HostEmulation.mountinfo() == mounts)

            // The tar, as GNU tar lists it: the board's busybox, the customize script's work, times clamped to the epoch.
            let listing = try Command.output(["tar", "--full-time", "-tvf", output])
            #expect(listing.contains(" ./usr/bin/busybox\n") || listing.contains(" ./bin/busybox\n"))
            #expect(listing.contains(" ./etc/kiln-customized-on\n") && !listing.contains(".deb\n"))
            #expect(!listing.split(separator: "\n").contains { $0.contains(" 2024-") || $0.contains(" 2025-") || $0.contains(" 2026-") },
                    "every mtime at or before SOURCE_DATE_EPOCH (2023-11-14)")
            let cached = try FileManager.default.contentsOfDirectory(atPath: "/var/cache/kiln/debs")
            #expect(cached.contains { $0.hasPrefix("busybox-static_") && $0.hasSuffix("_arm64.deb") }, "packages kept for the next build")

            try checkTree(from: output, in: directory)
            try bootImage(rootfs: output, in: directory)
        }

        /// The tree's own arm64 programs run emulated, and agree with the host's tools.
        func checkTree(from output: String, in directory: TemporaryDirectory) throws {
            let tree = directory.appending("tree")
            try FileManager.default.createDirectory(atPath: tree, withIntermediateDirectories: true)
            try Command.output(["tar", "-xf", output, "-C", tree])
            #expect(try String(contentsOfFile: "\(tree)/etc/kiln-customized-on", encoding: .utf8) == "aarch64\n")
            let inside = try HostEmulation.kiln(["emu", "run", "--root", tree, "--", "busybox", "sha256sum", "/etc/debian_version"])
            #expect(inside.status == 0, "\(inside.stderr)")
            let host = try Command.output(["sha256sum", "\(tree)/etc/debian_version"])
            #expect(inside.stdout.prefix(64) == host.prefix(64))
            let dpkg = try HostEmulation.kiln(["emu", "run", "--root", tree, "--", "dpkg-query", "-W", "-f", "${Architecture}", "busybox-static"])
            #expect(dpkg.status == 0 && dpkg.stdout == "arm64", "\(dpkg.stderr)")
            #expect(try Command.output(["file", "-bL", "\(tree)/usr/bin/dpkg"]).contains("ARM aarch64"))
        }

        /// `kiln image build` takes the tar (its busybox for Kiln's initramfs too) and the image boots to the rootfs's init.
        func bootImage(rootfs: String, in directory: TemporaryDirectory) throws {
            let image = directory.appending("qemu.img")
            let result = try KilnExecutable.run([
                "image", "build", "--board", "qemu-aarch64", "--rootfs", rootfs, "--kernel", try Artifacts.path("kernel/Image"),
                "--modules", try Artifacts.path("kernel/modules"), "--bootloader", try Artifacts.path("u-boot/qemu_arm64"),
                "--source-date-epoch", Self.epoch, "--output", image,
            ])
            try #require(result.status == 0, "\(result.stderr)")
            let machine = try QEMUMachine([
                "-M", "virt", "-cpu", "cortex-a53", "-m", "512", "-nographic", "-nic", "none", "-no-reboot",
                "-bios", try Artifacts.path("u-boot/qemu_arm64/u-boot.bin"),
                "-drive", "if=none,file=\(image),format=raw,id=d", "-device", "virtio-blk-pci,drive=d",
            ])
            defer { machine.kill() }
            let reached = machine.waitFor("\(Self.marker) debian 12", timeout: QEMUMachine.bootTimeout)
            #expect(reached, "console:\n\(machine.output.suffix(3000))")
            #expect(machine.output.contains("aarch64"))
        }
    }
}
