import Foundation
import KilnTestSupport
import Testing
import UBoot

/// Kiln against libubootenv's `fw_printenv`/`fw_setenv` on a plain file, in both layouts.
@Suite struct FwEnvOracleTests {
    static let layouts: [EnvironmentLayout] = [.single, .redundant]

    /// Values U-Boot scripts really hold: spaces, `${}`, `;`, quotes.
    static func abEnvironment() throws -> BootloaderEnvironment {
        try BootloaderEnvironment([
            "BOOT_ORDER": "A B",
            "BOOT_A_LEFT": "3",
            "BOOT_B_LEFT": "3",
            "bootcmd": "load virtio 0:1 ${scriptaddr} boot.scr; source ${scriptaddr}",
            "bootdelay": "0",
            "kiln_note": "it's \"quoted\" & 100% = fine",
        ])
    }

    @Test(arguments: layouts) func fwPrintenvReadsWhatKilnWrote(layout: EnvironmentLayout) throws {
        let fixture = try FwEnvFixture(layout: layout)
        defer { fixture.remove() }
        let environment = try Self.abEnvironment()
        try fixture.seed(environment)
        #expect(try fixture.printenv().sorted() == FwEnvFixture.lines(environment).sorted())
        #expect(try fixture.flags() == (layout == .redundant ? [1, 1] : [fixture.bytes[4]]))
    }

    @Test(arguments: layouts) func kilnReadsWhatFwSetenvWrote(layout: EnvironmentLayout) throws {
        let fixture = try FwEnvFixture(layout: layout)
        defer { fixture.remove() }
        try fixture.seed(Self.abEnvironment())
        for (step, (name, value)) in [("BOOT_ORDER", "B A"), ("BOOT_B_LEFT", "2"), ("upgrade_available", "1"),
                                      ("BOOT_B_LEFT", "1"), ("bootdelay", "")].enumerated() {
            try fixture.setenv(name, value)
            let state = try fixture.read()
            #expect(FwEnvFixture.lines(state.environment) == (try fixture.printenv()), "after step \(step)")
            guard layout == .redundant else { continue }
            // Both copies stay valid; Kiln picks the newer one fw_setenv just wrote, never the older.
            let flags = try fixture.flags()
            #expect(state.copyIndex == (step % 2 == 0 ? 1 : 0))
            #expect(state.flags == UInt8(step + 2))
            #expect(flags[state.copyIndex] == flags[1 - state.copyIndex] + 1)
            #expect(state.rejected.isEmpty)
        }
    }

    @Test(arguments: layouts) func kilnWritesTheBytesFwSetenvWrites(layout: EnvironmentLayout) throws {
        let ours = try FwEnvFixture(layout: layout), theirs = try FwEnvFixture(layout: layout)
        defer { ours.remove(); theirs.remove() }
        // libubootenv keeps variables sorted by name; the same order makes the same bytes.
        let environment = try Self.abEnvironment().sortedByName()
        try ours.seed(environment)
        try theirs.seed(environment)
        for (name, value) in [("BOOT_ORDER", "B A"), ("zz_last", "1"), ("BOOT_A_LEFT", "2"), ("aa_first", "x y")] {
            try theirs.setenv(name, value)
            try ours.update { environment in
                try environment.set(name, value)
                environment = environment.sortedByName()
            }
            #expect(try ours.bytes == theirs.bytes, "after setting \(name)")
        }
    }

    @Test func preSeededCopiesMatchMkenvimage() throws {
        for layout in Self.layouts {
            let fixture = try FwEnvFixture(layout: layout)
            defer { fixture.remove() }
            let environment = try Self.abEnvironment()
            let text = FwEnvFixture.lines(environment).joined(separator: "\n") + "\n"
            let input = try fixture.directory.write("env.txt", text)
            let output = fixture.directory.appending("mkenvimage.bin")
            _ = try Command.output(["mkenvimage", "-s", "0x4000"] + (layout == .redundant ? ["-r"] : [])
                               + ["-o", output, input])
            let expected = [UInt8](try Data(contentsOf: URL(fileURLWithPath: output)))
            let flags: UInt8? = layout == .redundant ? 1 : nil
            #expect(try EnvironmentCopy(environment: environment, flags: flags).serialized(size: 0x4000) == expected)
        }
    }

    @Test(arguments: layouts) func bothFallBackWhenTheNewerCopyIsCorrupt(layout: EnvironmentLayout) throws {
        let fixture = try FwEnvFixture(layout: layout)
        defer { fixture.remove() }
        try fixture.seed(Self.abEnvironment())
        let older = try fixture.printenv()
        try fixture.update { try $0.set("BOOT_ORDER", "B A") }   // copy 2, flags 2
        let newer = try fixture.update { try $0.set("BOOT_B_LEFT", "2") }   // copy 1, flags 3
        #expect(try fixture.read().environment["BOOT_B_LEFT"] == "2")
        // Corrupt one byte of the newest copy's variables: its CRC no longer matches.
        var bytes = try fixture.bytes
        let damaged = Int(newer.location.offset) + 0x10
        bytes[damaged] ^= 0xFF
        try fixture.setBytes(bytes)

        if layout == .single {
            #expect(throws: EnvironmentError.self) { try fixture.read() }
            #expect(try Command.run(["fw_printenv", "-c", fixture.config]).stdout.isEmpty)
            return
        }
        let state = try fixture.read()
        #expect(state.copyIndex == 1 && state.flags == 2)
        #expect(state.environment["BOOT_ORDER"] == "B A" && state.environment["BOOT_B_LEFT"] == "3")
        // fw_printenv prints its own (sorted) order; Kiln keeps the order it wrote.
        #expect(FwEnvFixture.lines(state.environment).sorted() == (try fixture.printenv()).sorted())
        #expect(older != (try fixture.printenv()))
        let rejected = try #require(state.rejected.first)
        guard case .invalidCopy(let storage, let offset, .checksumMismatch) = rejected else {
            Issue.record("expected a CRC mismatch, got \(rejected)")
            return
        }
        #expect(storage == fixture.storage && offset == 0)
    }
}
