import Foundation
import KilnTestSupport
import UBoot

/// A file standing in for the environment's storage, its `fw_env.config`, and libubootenv's tools as the oracle.
final class FwEnvFixture {
    static let size = 0x4000
    let directory: TemporaryDirectory
    let storage: String
    let config: String
    let configuration: EnvironmentConfiguration
    var store: EnvironmentStore { EnvironmentStore(configuration: configuration) }

    /// Both copies in one file (`uboot.env`) when redundant, as the reference setup does.
    init(layout: EnvironmentLayout) throws {
        directory = try TemporaryDirectory(prefix: "kiln-uboot")
        storage = directory.appending("uboot.env")
        let primary = EnvironmentCopyLocation(device: storage, offset: 0, size: Self.size)
        let redundant = layout == .redundant
            ? EnvironmentCopyLocation(device: storage, offset: UInt64(Self.size), size: Self.size) : nil
        configuration = try EnvironmentConfiguration(primary, redundant: redundant)
        config = try directory.write("fw_env.config", configuration.firmwareConfig)
        try Data(count: Self.size * configuration.copies.count).write(to: URL(fileURLWithPath: storage))
    }

    func remove() { directory.remove() }

    var bytes: [UInt8] { get throws { [UInt8](try Data(contentsOf: URL(fileURLWithPath: storage))) } }

    func setBytes(_ bytes: [UInt8]) throws { try Data(bytes).write(to: URL(fileURLWithPath: storage)) }

    /// `fw_printenv -c`: every variable as `name=value` lines, in the order it prints them.
    func printenv() throws -> [String] {
        try Command.output(["fw_printenv", "-c", config]).split(separator: "\n").map(String.init)
    }

    /// `fw_setenv -c CONFIG name value`.
    func setenv(_ name: String, _ value: String) throws {
        _ = try Command.output(["fw_setenv", "-c", config, name, value])
    }

    /// Kiln's pre-seeding: every copy written through the file device.
    func seed(_ environment: BootloaderEnvironment) throws {
        let devices = try FileEnvironmentDevice.devices(for: configuration, writable: true)
        for write in try store.initialWrites(environment) { try write.perform(on: devices[write.copyIndex]) }
    }

    /// Kiln's reading, through the file device.
    func read() throws -> EnvironmentState {
        try store.read(from: FileEnvironmentDevice.devices(for: configuration, writable: false))
    }

    /// Kiln's update: read, plan the write, perform it; returns the plan.
    @discardableResult
    func update(_ change: (inout BootloaderEnvironment) throws -> Void) throws -> EnvironmentWrite {
        let devices = try FileEnvironmentDevice.devices(for: configuration, writable: true)
        let current = try store.read(from: devices)
        var environment = current.environment
        try change(&environment)
        let plan = try store.plan(writing: environment, after: current)
        try plan.perform(on: devices[plan.copyIndex])
        return plan
    }

    /// The flags byte of each copy.
    func flags() throws -> [UInt8] {
        let bytes = try bytes
        return configuration.copies.map { bytes[Int($0.offset) + 4] }
    }

    /// `name=value` lines, as fw_printenv prints them.
    static func lines(_ environment: BootloaderEnvironment) -> [String] {
        environment.variables.map { "\($0.name)=\($0.value)" }
    }
}
