import Foundation
import ImageBuilder
import KilnTestSupport

/// Debian's arm64 kernel modules and static busybox from the artifact cache, and initramfs images built from them.
enum InitramfsFixture {
    static let epoch: Int64 = 1_700_000_000
    /// The QEMU virt board's modules, as `boards/qemu-aarch64.toml` lists them.
    static let virtModules = ["virtio_pci", "virtio_blk", "ext4", "crc32c_generic"]

    static func moduleTree() throws -> ModuleDirectory {
        ModuleDirectory(path: try Artifacts.path("kernel/modules"))
    }

    static func kernelVersion() throws -> String {
        String(decoding: try Artifacts.bytes("kernel/version"), as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func busybox() throws -> String { try Artifacts.path("busybox/busybox") }

    static func plan(_ moduleNames: [String] = virtModules) throws -> Initramfs {
        try Initramfs(kernelVersion: try kernelVersion(), moduleNames: moduleNames,
                      modules: try KernelModules(source: try moduleTree()), sourceDateEpoch: epoch)
    }

    /// Writes the initramfs for `moduleNames` to `directory/name` and returns its path.
    static func build(_ moduleNames: [String] = virtModules, in directory: TemporaryDirectory,
                      name: String = "initrd.img") throws -> String {
        let path = directory.appending(name)
        try InitramfsWriter(plan: try plan(moduleNames)).write(busybox: try busybox(), modules: try moduleTree(), to: path)
        return path
    }

    /// `cpio -itvn` (GNU cpio, numeric owners) of the decompressed archive: one line per member.
    static func listing(_ image: String, in directory: TemporaryDirectory) throws -> [String] {
        let archive = directory.appending("\((image as NSString).lastPathComponent).cpio")
        _ = try Command.output(["zstd", "-q", "-d", "-f", "-o", archive, image])
        return try Command.output(["cpio", "-itvn", "--quiet"], stdin: archive).split(separator: "\n").map(String.init)
    }
}
