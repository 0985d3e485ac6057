import Foundation
import ImageBuilder
import KilnTestSupport

/// A Raspberry Pi boot partition's worth of entries: real firmware and DTBs, config text, a 16 KiB
/// uboot.env, a nested overlays/ directory, an empty file, files of one cluster and one cluster + 1 byte,
/// and names that need long-name entries.
struct FATFixture {
    var entries: [FATEntry] = []
    /// Every file's path on the volume and its bytes, for comparing what tools read back.
    var files: [String: [UInt8]] = [:]
    /// Every directory's path on the volume.
    var directories: Set<String> = []

    static let serial: UInt32 = 0x1234_ABCD
    static let label = "KilnBoot"
    static let sourceDateEpoch: Int64 = 1_700_000_000

    /// The fixture for a volume of `size` bytes; small volumes get only the small firmware files.
    init(size: UInt64) throws {
        let clusterSize = Int(try FATGeometry.forVolume(size: size).clusterSize)
        let firmware = size >= 64 << 20
            ? ["bootcode.bin", "fixup4.dat", "start4.elf", "start.elf", "fixup.dat", "start4x.elf"]
            : ["bootcode.bin", "fixup4.dat"]
        for name in firmware { try addFile(name, source: Artifacts.path("firmware/rpi/\(name)")) }
        for dtb in ["bcm2711-rpi-4-b.dtb", "bcm2711-rpi-400.dtb", "bcm2837-rpi-3-b.dtb"] {
            try addFile(dtb, source: Artifacts.path("kernel/dtbs/broadcom/\(dtb)"))
        }
        add("config.txt", Array("arm_64bit=1\nkernel=u-boot.bin\nenable_uart=1\n".utf8))
        add("cmdline.txt", Array("console=serial0,115200 root=/dev/mmcblk0p2 rootwait\n".utf8))
        add("uboot.env", (0..<16384).map { $0 < 4096 ? UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) : 0 })
        add("overlays/README", Array("Overlays for the Raspberry Pi.\n".utf8))
        try addFile("overlays/salvator-panel-aa104xd12.dtbo",
                    source: Artifacts.path("kernel/dtbs/renesas/salvator-panel-aa104xd12.dtbo"))
        add("overlays/deeper/Nested Name With Spaces.txt", Array("nested\n".utf8))
        entries.append(FATEntry(path: "empty-dir", contents: .directory))
        directories.insert("empty-dir")
        add("empty.txt", [])
        add("one-cluster.bin", (0..<clusterSize).map { UInt8(truncatingIfNeeded: $0 / 3 + 1) })
        add("cluster-plus-one.bin", (0...clusterSize).map { UInt8(truncatingIfNeeded: $0 / 5 + 2) })
        add("README.Long-Name.md", Array("Mixed case needs a long name\n".utf8))
        add("BOOT.SCR", Array("upper-case 8.3 needs none\n".utf8))
    }

    func volume(size: UInt64) -> FATVolume {
        FATVolume(size: size, label: Self.label, serial: Self.serial,
                  timestamp: FATTimestamp(secondsSinceEpoch: Self.sourceDateEpoch), hiddenSectors: 8192,
                  entries: entries)
    }

    private mutating func add(_ path: String, _ bytes: [UInt8]) {
        entries.append(FATEntry(path: path, contents: .bytes(bytes)))
        record(path, bytes)
    }

    private mutating func addFile(_ path: String, source: String) throws {
        entries.append(FATEntry(path: path, contents: .file(path: source)))
        record(path, [UInt8](try Data(contentsOf: URL(fileURLWithPath: source))))
    }

    private mutating func record(_ path: String, _ bytes: [UInt8]) {
        files[path] = bytes
        var parent = (path as NSString).deletingLastPathComponent
        while !parent.isEmpty {
            directories.insert(parent)
            parent = (parent as NSString).deletingLastPathComponent
        }
    }
}
