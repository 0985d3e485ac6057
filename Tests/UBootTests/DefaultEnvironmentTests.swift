import Foundation
import KilnTestSupport
import Testing
import UBoot

/// The default environment built into Debian's arm64 U-Boot binaries.
@Suite struct DefaultEnvironmentTests {
    static let binaries = ["qemu_arm64/u-boot.bin", "rpi_arm64/u-boot.bin",
                           "rock64-rk3328/u-boot.itb", "rock64-rk3328/u-boot-nodtb.bin"]

    @Test(arguments: binaries) func findsTheDistroBootVariables(binary: String) throws {
        let environment = try BootloaderEnvironment(extractingDefaultFrom: Artifacts.bytes("u-boot/\(binary)"))
        for name in ["bootcmd", "bootdelay", "kernel_addr_r", "ramdisk_addr_r", "scriptaddr", "distro_bootcmd",
                     "boot_targets", "boot_scripts"] {
            #expect(environment[name] != nil, "\(binary) lacks \(name)")
        }
        #expect(environment["bootcmd"] == "run distro_bootcmd")
        #expect(environment.names.first == "bootcmd" && environment.names.last == "distro_bootcmd")

        // The oracle: `strings` lists the same entries, one per line, consecutively.
        let listed = try Command.output(["strings", "-a", "-n", "3", try Artifacts.path("u-boot/\(binary)")])
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let lines = environment.variables.map { "\($0.name)=\($0.value)" }
        let start = try #require(listed.firstIndex(of: lines[0]))
        #expect(Array(listed[start..<start + lines.count]) == lines)
        // The entry before is not a variable, so the run really starts at bootcmd.
        #expect(!listed[start - 1].contains("="))
    }

    @Test func qemuValuesMatchTheReference() throws {
        let environment = try BootloaderEnvironment(extractingDefaultFrom: Artifacts.bytes("u-boot/qemu_arm64/u-boot.bin"))
        #expect(environment["kernel_addr_r"] == "0x40400000")
        #expect(environment["ramdisk_addr_r"] == "0x44000000")
        #expect(environment["scriptaddr"] == "0x40200000")
        #expect(environment["fdt_addr_r"] == nil)
        #expect(environment["bootdelay"] == "2")
        #expect(environment["boot_targets"] == "qfw usb0 scsi0 virtio0 nvme0 dhcp ")
    }

    @Test func refusesABinaryWithoutOne() throws {
        let busybox = try Artifacts.bytes("busybox/busybox")
        #expect(throws: EnvironmentError.self) { try BootloaderEnvironment(extractingDefaultFrom: busybox) }
        let decoy = Array("x\0bootcmd=boot\0bootdelay=1\0\0".utf8)
        #expect(throws: EnvironmentError.self) { try BootloaderEnvironment(extractingDefaultFrom: decoy) }
    }
}
