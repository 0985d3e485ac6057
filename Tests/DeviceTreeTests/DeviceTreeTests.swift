import DeviceTree
import Foundation
import KilnTestSupport
import Testing

/// Real DTBs from Debian's arm64 kernel package, checked against `dtc` as the oracle.
@Suite struct DeviceTreeTests {
    static let boards: [(dtb: String, compatible: String, model: String)] = [
        ("rockchip/rk3328-nanopi-r2s.dtb", "friendlyarm,nanopi-r2s", "FriendlyElec NanoPi R2S"),
        ("broadcom/bcm2837-rpi-3-b.dtb", "raspberrypi,3-model-b", "Raspberry Pi 3 Model B"),
        ("broadcom/bcm2711-rpi-4-b.dtb", "raspberrypi,4-model-b", "Raspberry Pi 4 Model B"),
    ]

    @Test(arguments: boards) func readsCompatibleAndModel(board: (dtb: String, compatible: String, model: String)) throws {
        let tree = try DeviceTree(blob: Artifacts.bytes("kernel/dtbs/\(board.dtb)"))
        #expect(tree.compatible.first == board.compatible)
        #expect(tree.model == board.model)
        // The oracle: dtc decompiles the same blob.
        let source = try Command.output(["dtc", "-q", "-I", "dtb", "-O", "dts", try Artifacts.path("kernel/dtbs/\(board.dtb)")])
        // dtc prints a string list as one string with embedded \0 separators.
        #expect(source.contains("compatible = \"\(tree.compatible.joined(separator: "\\0"))\";"))
        #expect(source.contains("model = \"\(board.model)\";"))
    }

    @Test func setsBootargsThatDtcReadsBack() throws {
        var tree = try DeviceTree(blob: Artifacts.bytes("kernel/dtbs/rockchip/rk3328-nanopi-r2s.dtb"))
        let original = tree
        let bootargs = "console=ttyS2,1500000 root=PARTUUID=6b696c6e-0002 rootwait kiln.slot=A"
        try tree.setString("bootargs", at: "/chosen", to: bootargs)
        #expect(try tree.strings("bootargs", at: "/chosen") == [bootargs])
        #expect(tree.compatible == original.compatible)
        #expect(original.blob != tree.blob)

        let directory = try TemporaryDirectory()
        let file = directory.appending("patched.dtb")
        try Data(tree.blob).write(to: URL(fileURLWithPath: file))
        let source = try Command.output(["dtc", "-q", "-I", "dtb", "-O", "dts", file])
        #expect(source.contains("bootargs = \"\(bootargs)\";"))
        // Everything else is untouched: the decompiled trees differ only in that line.
        let before = try Command.output(["dtc", "-q", "-I", "dtb", "-O", "dts", try Artifacts.path("kernel/dtbs/rockchip/rk3328-nanopi-r2s.dtb")])
        let added = Set(source.split(separator: "\n")).subtracting(before.split(separator: "\n"))
        #expect(added.allSatisfy { $0.contains("bootargs") })
    }

    @Test func createsAMissingChosenNode() throws {
        let directory = try TemporaryDirectory()
        let source = try directory.write("minimal.dts", "/dts-v1/;\n/ { compatible = \"kiln,test\"; model = \"Kiln\"; };\n")
        let blobPath = directory.appending("minimal.dtb")
        _ = try Command.output(["dtc", "-q", "-I", "dts", "-O", "dtb", "-o", blobPath, source])
        var tree = try DeviceTree(blob: [UInt8](try Data(contentsOf: URL(fileURLWithPath: blobPath))))
        #expect(throws: DeviceTreeError.nodeNotFound(path: "/chosen")) { try tree.property("bootargs", at: "/chosen") }
        try tree.setString("bootargs", at: "/chosen", to: "console=ttyAMA0")
        #expect(try tree.strings("bootargs", at: "/chosen") == ["console=ttyAMA0"])
        #expect(throws: DeviceTreeError.nodeNotFound(path: "/no/such")) { try tree.setString("x", at: "/no/such/node", to: "y") }
    }

    @Test func rejectsWhatIsNotADeviceTree() throws {
        #expect(throws: DeviceTreeError.self) { try DeviceTree(blob: Array("not a device tree, just some text....................".utf8)) }
        let real = try Artifacts.bytes("kernel/dtbs/rockchip/rk3328-nanopi-r2s.dtb")
        #expect(throws: DeviceTreeError.self) { try DeviceTree(blob: Array(real.prefix(real.count / 2))) }
        #expect(throws: DeviceTreeError.self) { try DeviceTree(blob: [0xd0, 0x0d]) }
    }
}
