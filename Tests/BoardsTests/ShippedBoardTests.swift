import Boards
import Testing

/// The four shipped boards hold the facts the hardware needs.
@Suite struct ShippedBoardTests {
    @Test(arguments: ["nanopi-r2s", "rpi3", "rpi4", "qemu-aarch64"])
    func isValid(name: String) throws {
        let board = try BoardFile.load(contentsOf: "\(ShippedBoards.directory)/\(name).toml")
        #expect(board.name == name)
        #expect(board.slots.map(\.slot) == ["A", "B"])
        #expect(board.bootPartition?.filesystem == .vfat)
        // Nothing overlaps: the validator would have said so, but check the layout directly too.
        let regions = board.regions()
        for (index, region) in regions.enumerated() {
            for other in regions[..<index] { #expect(!region.range.overlaps(other.range), "\(region.label) / \(other.label)") }
        }
    }

    @Test func nanopiR2S() throws {
        let board = try BoardFile.load(contentsOf: "\(ShippedBoards.directory)/nanopi-r2s.toml")
        #expect(board.bootloader.blobs.map(\.file) == ["idbloader.img", "u-boot.itb"])
        #expect(board.bootloader.blobs.map(\.offset.bytes) == [32768, 8_388_608])
        #expect(board.bootloader.environment == EnvironmentLocation(storage: .raw(offset: ByteSize(0x3F8000), redundantOffset: nil), size: ByteSize(0x8000),
                                                             loader: .uBoot, defaultsFrom: "u-boot.itb"))
        #expect(board.bootloader.device == "mmc 0")
        #expect(board.deviceTree.compatible.first == "friendlyarm,nanopi-r2s")
        #expect(board.deviceTree.dtb == "rockchip/rk3328-nanopi-r2s.dtb")
        #expect(board.kernel.console == "ttyS2,1500000")
        #expect(board.storage.partitionTable == .gpt)
        #expect(board.partitions.first?.offset == ByteSize(16 << 20))
        #expect(board.network == NetworkRoles(wan: ["eth0"], lan: ["lan0"]))
        #expect(board.storage.partitionDevice(2) == "/dev/mmcblk0p2")
    }

    @Test func raspberryPisKeepTheEnvironmentInAFATFile() throws {
        for name in ["rpi3", "rpi4"] {
            let board = try BoardFile.load(contentsOf: "\(ShippedBoards.directory)/\(name).toml")
            #expect(board.storage.partitionTable == .mbr)
            #expect(board.bootloader.environment.storage == .fatFile(partition: "boot", file: "uboot.env", redundantFile: nil))
            #expect(board.bootloader.environment.size == ByteSize(0x4000))
            let config = board.bootFiles.first { $0.path == "config.txt" }
            guard case .content(let text)? = config?.origin else { Issue.record("no config.txt"); continue }
            for line in ["kernel=u-boot.bin", "arm_64bit=1", "enable_uart=1"] { #expect(text.contains(line)) }
            #expect(board.bootFiles.contains { $0.origin == .input(.bootloader, path: "u-boot.bin") })
        }
    }

    @Test func qemuIsBootedWithUBootAsBIOS() throws {
        let board = try BoardFile.load(contentsOf: "\(ShippedBoards.directory)/qemu-aarch64.toml")
        #expect(board.bootloader.blobs.isEmpty)
        #expect(board.emulator?.bios == "u-boot.bin")
        #expect(board.deviceTree.dtb == nil)
        #expect(board.storage.partitionDevice(3) == "/dev/vda3")
        #expect(board.rootfs.packages == ["busybox-static"])
    }
}
