import UBoot

/// The A/B state in the U-Boot environment (`BOOT_ORDER`, `BOOT_<slot>_LEFT`, as Kiln's boot command and RAUC
/// read them), plus `KILN_<slot>_VERSION` / `KILN_<slot>_MIN_VERSION`. Storage follows `fw_env.config`: raw on a
/// block device at an offset, or a file such as `uboot.env` on the FAT boot partition; single or redundant.
public final class UBootSelection: BootSelection {
    public let name: String
    let store: EnvironmentStore
    let slots: [String]
    private let open: (Bool) throws -> [any EnvironmentDevice]

    /// The environment `fw_env.config` at `configPath` describes, for `slots`.
    /// - Throws: `OTAError.environment` when the configuration is unreadable or invalid.
    public convenience init(configPath: String, slots: [String]) throws(OTAError) {
        let configuration: EnvironmentConfiguration
        do { configuration = try EnvironmentConfiguration(firmwareConfigAt: configPath) } catch {
            throw .environment("\(error)")
        }
        self.init(configuration: configuration, name: configPath, slots: slots) { writable in
            try FileEnvironmentDevice.devices(for: configuration, writable: writable)
        }
    }

    /// An environment on devices `open` provides (opened read-only or writable), e.g. in memory for tests.
    public init(configuration: EnvironmentConfiguration, name: String, slots: [String],
                open: @escaping (Bool) throws -> [any EnvironmentDevice]) {
        self.store = EnvironmentStore(configuration: configuration)
        self.name = name
        self.slots = slots
        self.open = open
    }

    public func read() throws(OTAError) -> BootState {
        do { return state(of: try store.read(from: try open(false)).environment) } catch {
            throw .environment("reading \(name)", error)
        }
    }

    func state(of environment: BootloaderEnvironment) -> BootState {
        // No BOOT_ORDER yet: the boot command's own defaults (every slot, in order, full attempts) are in force.
        let counts = BootCountState(environment: environment, slots: slots) ?? BootCountState(order: slots, attemptsLeft: [:])
        var state = BootState(order: counts.order, attemptsLeft: counts.attemptsLeft)
        for slot in slots {
            state.versions[slot] = environment[BootCountState.versionVariable(for: slot)]
            state.minimumVersions[slot] = environment[BootCountState.minimumVersionVariable(for: slot)]
        }
        return state
    }

    public func write(_ state: BootState) throws(OTAError) {
        do {
            let current = try store.read(from: try open(false))
            var environment = current.environment
            let counts = BootCountState(order: state.order, attemptsLeft: state.attemptsLeft)
            for variable in counts.variables { try environment.set(variable.name, variable.value) }
            for slot in slots {
                try set(&environment, BootCountState.versionVariable(for: slot), state.versions[slot])
                try set(&environment, BootCountState.minimumVersionVariable(for: slot), state.minimumVersions[slot])
            }
            let write = try store.plan(writing: environment, after: current)
            let devices = try open(true)
            try write.perform(on: devices[write.copyIndex])
        } catch let error as OTAError {
            throw error
        } catch {
            throw .environment("writing \(name)", error)
        }
    }

    private func set(_ environment: inout BootloaderEnvironment, _ name: String, _ value: String?) throws {
        if let value { try environment.set(name, value) } else { _ = environment.remove(name) }
    }
}
