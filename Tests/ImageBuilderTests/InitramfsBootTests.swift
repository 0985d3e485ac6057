import Foundation
import ImageBuilder
import KilnTestSupport
import Testing

/// The real proof: Debian's arm64 kernel boots Kiln's initramfs under QEMU, which finds the root
/// filesystem by PARTUUID, mounts it (ext4 with metadata_csum) and hands over to its /sbin/init.
@Suite("Kiln's initramfs boots Debian's arm64 kernel under QEMU", .serialized)
struct InitramfsBootTests {
    static let gptPartitionGUID = "6F1A2B3C-4D5E-4F60-8192-A3B4C5D6E7F8"
    static let mbrSignature = "1234abcd"

    /// The root filesystem's /sbin/init: reports the slot from the command line, what is mounted on /
    /// and its own PID (1 after switch_root), then powers off so QEMU exits.
    static let rootInit = """
        #!/bin/busybox sh
        read -r cmdline < /proc/cmdline
        for word in $cmdline; do case "$word" in kiln.slot=*) slot=${word#kiln.slot=} ;; esac; done
        while read -r device mountpoint type options rest; do
            [ "$mountpoint" = / ] && root="$device $type $options"
        done < /proc/mounts
        echo "KILN-ROOT-OK slot=$slot pid=$$ root=$root"
        /bin/busybox poweroff -f

        """

    /// A 20 MiB disk: partition 1 empty (1 MiB at 1 MiB), partition 2 the root filesystem (16 MiB at 2 MiB).
    static func disk(label: String, in directory: TemporaryDirectory) throws -> String {
        let tree = directory.appending("tree")
        for sub in ["bin", "sbin", "dev", "proc", "sys"] {
            try FileManager.default.createDirectory(atPath: "\(tree)/\(sub)", withIntermediateDirectories: true)
        }
        try FileManager.default.copyItem(atPath: try InitramfsFixture.busybox(), toPath: "\(tree)/bin/busybox")
        try rootInit.write(toFile: "\(tree)/sbin/init", atomically: false, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: "\(tree)/sbin/init")
        let root = directory.appending("root.ext4")
        _ = try Command.output(["mke2fs", "-q", "-t", "ext4", "-d", tree, root, "16M"])
        let disk = directory.appending("disk.img")
        _ = try Command.output(["truncate", "-s", "20M", disk])
        if label == "gpt" {
            _ = try Command.output(["sgdisk", "-n1:2048:+1M", "-n2:4096:+16M", "-u2:\(gptPartitionGUID)", disk])
        } else {
            let script = try directory.write("layout.sfdisk", """
                label: dos
                label-id: 0x\(mbrSignature)
                start=2048, size=2048
                start=4096, size=32768

                """)
            _ = try Command.output(["sfdisk", "-q", disk], stdin: script)
        }
        _ = try Command.output(["dd", "if=\(root)", "of=\(disk)", "bs=1M", "seek=2", "conv=notrunc", "status=none"])
        return disk
    }

    /// Boots the kernel with Kiln's initramfs and `disk` on virtio-blk-pci, with `append` after the console.
    static func boot(disk: String, append: String, in directory: TemporaryDirectory) throws -> QEMUMachine {
        let initrd = try InitramfsFixture.build(in: directory)
        return try QEMUMachine([
            "-M", "virt", "-cpu", "cortex-a53", "-m", "512", "-nographic", "-nic", "none", "-no-reboot",
            "-kernel", try Artifacts.path("kernel/Image"), "-initrd", initrd,
            "-append", "console=ttyAMA0 panic=-1 \(append)",
            "-drive", "if=none,file=\(disk),format=raw,id=d", "-device", "virtio-blk-pci,drive=d",
        ])
    }

    /// Partition table, command line after the console, and the marker the root's /sbin/init must print.
    static let boots = [
        ("gpt", "root=PARTUUID=\(gptPartitionGUID) rootwait kiln.slot=A",
         "KILN-ROOT-OK slot=A pid=1 root=/dev/vda2 ext4 ro,"),
        // Upper case on purpose: PARTUUIDs match case-insensitively.
        ("mbr", "root=PARTUUID=\(mbrSignature.uppercased())-02 rootwait kiln.slot=B",
         "KILN-ROOT-OK slot=B pid=1 root=/dev/vda2 ext4 ro,"),
        ("mbr", "root=/dev/vda2 rootfstype=ext4 rw kiln.slot=A",
         "KILN-ROOT-OK slot=A pid=1 root=/dev/vda2 ext4 rw,"),
    ]

    @Test(arguments: boots)
    func bootsIntoTheRootFilesystem(label: String, append: String, marker: String) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let machine = try Self.boot(disk: try Self.disk(label: label, in: directory), append: append, in: directory)
        defer { machine.kill() }
        #expect(machine.waitFor(marker, timeout: 180), "console:\n\(machine.output)")
        #expect(machine.waitForExit(timeout: 60) != nil, "QEMU did not exit after poweroff")
        #expect(!machine.output.contains("kiln-initramfs:"), "the initramfs reported a problem")
    }

    @Test func missingRootPrintsWhyAndPowersOff() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let machine = try Self.boot(disk: try Self.disk(label: "gpt", in: directory),
                                    append: "root=PARTUUID=deadbeef-07 rootwait kiln.rootwait=3", in: directory)
        defer { machine.kill() }
        let message = "kiln-initramfs: root PARTUUID=deadbeef-07 not found"
        #expect(machine.waitFor(message, timeout: 180), "console:\n\(machine.output)")
        #expect(machine.waitForExit(timeout: 60) != nil, "QEMU still running: the initramfs must power off, not hang")
        #expect(!machine.output.contains("KILN-ROOT-OK"))
    }

    @Test func debugOpensAShellOnTheConsoleInsteadOfPoweringOff() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let machine = try Self.boot(disk: try Self.disk(label: "mbr", in: directory),
                                    append: "root=/dev/vdz9 kiln.rootwait=1 kiln.debug", in: directory)
        defer { machine.kill() }
        #expect(machine.waitFor("kiln-initramfs: root /dev/vdz9 not found", timeout: 180), "console:\n\(machine.output)")
        #expect(machine.waitFor("kiln.debug is set: starting a shell", timeout: 30))
        // The shell answers on the console: arithmetic proves it ran the command rather than echoing it.
        try machine.send("echo KILN-SHELL-$((6 * 7))\n")
        #expect(machine.waitFor("KILN-SHELL-42", timeout: 60), "console:\n\(machine.output)")
    }
}
