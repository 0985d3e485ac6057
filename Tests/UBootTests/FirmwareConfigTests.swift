import Foundation
import KilnTestSupport
import Testing
import UBoot

/// `fw_env.config` as libubootenv reads it.
@Suite struct FirmwareConfigTests {
    @Test func parsesWhatFwPrintenvUses() throws {
        let scratch = try TemporaryDirectory(prefix: "kiln-uboot")
        defer { scratch.remove() }
        let storage = scratch.appending("disk.img")
        // Comments, blank lines, tabs, a decimal and an octal offset, a sector size: the forms real configs use.
        // Sizes are hex even without 0x (libubootenv scans them with %lx): "8000" is 0x8000.
        let config = try scratch.write("fw_env.config", """
            # NanoPi R2S: two copies on the raw disk
            \(storage)\t0x3F8000  0x8000  0x200   # first copy

            \(storage) 4194304 8000
            """)
        let configuration = try EnvironmentConfiguration(firmwareConfigAt: config)
        #expect(configuration.copies == [
            EnvironmentCopyLocation(device: storage, offset: 0x3F8000, size: 0x8000, sectorSize: 0x200),
            EnvironmentCopyLocation(device: storage, offset: 0x400000, size: 0x8000),
        ])
        #expect(configuration.layout == .redundant)

        // The oracle: fw_printenv with this very file reads what Kiln wrote where Kiln parsed it to be.
        try Data(count: 0x408000).write(to: URL(fileURLWithPath: storage))
        let devices = try FileEnvironmentDevice.devices(for: configuration, writable: true)
        #expect(devices[0] === devices[1])
        let store = EnvironmentStore(configuration: configuration)
        let environment = try BootloaderEnvironment(["BOOT_ORDER": "A B"])
        for write in try store.initialWrites(environment) { try write.perform(on: devices[write.copyIndex]) }
        #expect(try Command.output(["fw_printenv", "-c", config]) == "BOOT_ORDER=A B\n")
        // And the rendered config parses back to the same copies.
        #expect(try EnvironmentConfiguration(parsingFirmwareConfig: configuration.firmwareConfig) == configuration)
        #expect(try EnvironmentConfiguration(parsingFirmwareConfig: "d 020000000 8000\n").copies[0].offset == 0x400000)
    }

    @Test func namesTheLineThatIsWrong() throws {
        let cases: [(String, EnvironmentError)] = [
            ("/dev/mmcblk0 0x3F8000\n", .invalidConfiguration(file: "fw_env.config", line: 1,
                reason: "expected 'device offset size [sector-size [sector-count]]', found 2 fields")),
            ("# c\n/dev/mmcblk0 0xZZ 0x8000\n", .invalidConfiguration(file: "fw_env.config", line: 2,
                reason: "offset \"0xZZ\" is not a number")),
            ("a 0 0x4000\na 0x4000 0x4000\na 0x8000 0x4000\n", .invalidConfiguration(file: "fw_env.config", line: 3,
                reason: "more than two copies; U-Boot keeps at most two")),
            ("a 0 0x4000\n\na 0x4000 0x2000\n", .invalidConfiguration(file: "fw_env.config", line: 3,
                reason: "both copies must have the same size (0x4000 and 0x2000)")),
            ("# nothing\n", .invalidConfiguration(file: "fw_env.config", line: 1, reason: "no copy is configured")),
        ]
        for (text, expected) in cases {
            #expect(throws: expected) { try EnvironmentConfiguration(parsingFirmwareConfig: text) }
        }
    }
}
