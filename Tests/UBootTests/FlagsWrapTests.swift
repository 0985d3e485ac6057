import Foundation
import KilnTestSupport
import Testing
import UBoot

/// The redundant counter wraps 255 → 0; Kiln, fw_setenv and fw_printenv must agree on either side of it.
@Suite struct FlagsWrapTests {
    /// Copy 1 holds `first`, copy 2 `second`, each with its own counter and a marker variable.
    static func write(_ fixture: FwEnvFixture, first: UInt8, second: UInt8) throws {
        let one = try EnvironmentCopy(environment: BootloaderEnvironment(["X": "copy1"]), flags: first)
        let two = try EnvironmentCopy(environment: BootloaderEnvironment(["X": "copy2"]), flags: second)
        try fixture.setBytes(try one.serialized(size: FwEnvFixture.size) + two.serialized(size: FwEnvFixture.size))
    }

    static let pairs: [(UInt8, UInt8)] = [(255, 0), (0, 255), (254, 0), (0, 254), (5, 5), (1, 200), (200, 1), (128, 0)]

    @Test(arguments: pairs) func kilnPicksTheCopyFwPrintenvPicks(first: UInt8, second: UInt8) throws {
        let fixture = try FwEnvFixture(layout: .redundant)
        defer { fixture.remove() }
        try Self.write(fixture, first: first, second: second)
        let state = try fixture.read()
        #expect(try fixture.printenv() == ["X=\(state.environment["X"]!)"])
        #expect(state.environment["X"] == "copy\(state.copyIndex + 1)")
    }

    @Test func kilnWrapsAndFwPrintenvFollows() throws {
        let fixture = try FwEnvFixture(layout: .redundant)
        defer { fixture.remove() }
        try Self.write(fixture, first: 254, second: 253)
        for (step, expected) in [(1, [254, 255] as [UInt8]), (2, [0, 255]), (3, [0, 1])] {
            let plan = try fixture.update { try $0.set("X", "kiln\(step)") }
            #expect(try fixture.flags() == expected, "step \(step)")
            #expect(try fixture.printenv() == ["X=kiln\(step)"])
            #expect(plan.flags == expected[plan.copyIndex])
        }
    }

    @Test func fwSetenvWrapsAndKilnFollows() throws {
        let fixture = try FwEnvFixture(layout: .redundant)
        defer { fixture.remove() }
        try Self.write(fixture, first: 255, second: 254)
        try fixture.setenv("X", "fw")
        #expect(try fixture.flags() == [255, 0])
        let state = try fixture.read()
        #expect(state.copyIndex == 1 && state.flags == 0 && state.environment["X"] == "fw")
    }
}
