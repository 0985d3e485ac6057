import Foundation
import KilnTestSupport
import Testing
import UBoot

/// `boot.scr` against `mkimage -T script`.
@Suite struct LegacyScriptImageTests {
    static let script = """
        # Kiln A/B selection
        load virtio 0:1 ${kernel_addr_r} uboot.env && env import -c ${kernel_addr_r} 0x4000
        if test "${BOOT_ORDER}" = "A B"; then setenv slot A; else setenv slot B; fi
        echo "booting slot ${slot} – ok"

        """

    static let cases: [(name: String, architecture: LegacyScriptImage.Architecture, timestamp: UInt32)] = [
        ("Kiln boot", .arm64, 1_700_000_000), ("", .arm, 0), ("01234567890123456789012345678901", .arm64, 42),
    ]

    @Test(arguments: cases) func matchesMkimage(name: String, architecture: LegacyScriptImage.Architecture,
                                                timestamp: UInt32) throws {
        let scratch = try TemporaryDirectory(prefix: "kiln-uboot")
        defer { scratch.remove() }
        let input = try scratch.write("boot.cmd", Self.script)
        let output = scratch.appending("boot.scr")
        _ = try Command.output(["mkimage", "-A", architecture == .arm64 ? "arm64" : "arm", "-O", "linux",
                                "-T", "script", "-C", "none", "-n", name, "-d", input, output],
                               environment: ["SOURCE_DATE_EPOCH": String(timestamp)])
        let expected = [UInt8](try Data(contentsOf: URL(fileURLWithPath: output)))
        let image = LegacyScriptImage(name: name, script: Self.script, timestamp: timestamp, architecture: architecture)
        let ours = try image.encoded()
        #expect(ours == expected)
        #expect(try LegacyScriptImage(parsing: expected) == image)

        let ourFile = scratch.appending("kiln.scr")
        try Data(ours).write(to: URL(fileURLWithPath: ourFile))
        let listing = try Command.output(["mkimage", "-l", ourFile])
        #expect(listing.contains("Image Type:   \(architecture == .arm64 ? "AArch64" : "ARM") Linux Script (uncompressed)"))
        #expect(listing.contains("Image Name:   \(name)\n"))
        #expect(listing.contains("Image 0: \(Self.script.utf8.count) Bytes"))
    }

    @Test func refusesWhatIsNotAScript() throws {
        let good = try LegacyScriptImage(name: "x", script: "echo\n", timestamp: 1).encoded()
        var badData = good
        badData[badData.count - 1] ^= 1
        #expect(throws: EnvironmentError.invalidScriptImage(reason: "data CRC mismatch")) {
            try LegacyScriptImage(parsing: badData)
        }
        var badHeader = good
        badHeader[10] ^= 1
        #expect(throws: EnvironmentError.invalidScriptImage(reason: "header CRC mismatch")) {
            try LegacyScriptImage(parsing: badHeader)
        }
        #expect(throws: EnvironmentError.self) {
            try LegacyScriptImage(name: String(repeating: "n", count: 33), script: "", timestamp: 0).encoded()
        }
        // A kernel uImage is an image too, but not a script.
        let scratch = try TemporaryDirectory(prefix: "kiln-uboot")
        defer { scratch.remove() }
        let payload = try scratch.write("payload", "not a kernel")
        let kernel = scratch.appending("uImage")
        _ = try Command.output(["mkimage", "-A", "arm64", "-O", "linux", "-T", "kernel", "-C", "none", "-a", "0",
                                "-e", "0", "-n", "k", "-d", payload, kernel], environment: ["SOURCE_DATE_EPOCH": "0"])
        #expect(throws: EnvironmentError.invalidScriptImage(reason: "image type 2 is not a script (6)")) {
            try LegacyScriptImage(parsing: [UInt8](try Data(contentsOf: URL(fileURLWithPath: kernel))))
        }
    }
}
