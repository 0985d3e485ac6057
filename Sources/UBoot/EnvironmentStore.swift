/// Chooses the copy in force and plans writes, as U-Boot and libubootenv do, without doing I/O itself.
///
/// Reading picks the valid copy with the newer flags counter; writing replaces the *other* copy with the
/// counter plus one, so a write torn by power loss leaves the previous copy in force.
public struct EnvironmentStore: Sendable, Equatable {
    public var configuration: EnvironmentConfiguration

    public init(configuration: EnvironmentConfiguration) {
        self.configuration = configuration
    }

    /// The copy in force among `copies` (the raw bytes of each configured copy, in order).
    /// - Throws: `EnvironmentError.noValidCopy` when none parses, with each copy's reason.
    public func select(_ copies: [[UInt8]]) throws -> EnvironmentState {
        precondition(copies.count == configuration.copies.count, "one buffer per configured copy")
        var valid: [(index: Int, copy: EnvironmentCopy)] = []
        var rejected: [EnvironmentError] = []
        for (index, bytes) in copies.enumerated() {
            let location = configuration.copies[index]
            do {
                let copy = try EnvironmentCopy(parsing: bytes, layout: configuration.layout,
                                               storage: location.device, offset: location.offset)
                valid.append((index, copy))
            } catch let error as EnvironmentError {
                rejected.append(error)
            }
        }
        guard var chosen = valid.first else { throw EnvironmentError.noValidCopy(copies: rejected) }
        if valid.count == 2, Self.isNewer(valid[1].copy.flags ?? 0, than: valid[0].copy.flags ?? 0) {
            chosen = valid[1]
        }
        return EnvironmentState(environment: chosen.copy.environment, copyIndex: chosen.index,
                                flags: chosen.copy.flags, rejected: rejected)
    }

    /// U-Boot's `env_import_redund` order: 255 then 0 means 0 is newer (the counter wrapped), otherwise the
    /// larger counter wins, and equal counters leave the first copy in force.
    static func isNewer(_ second: UInt8, than first: UInt8) -> Bool {
        if first == 255 && second == 0 { return true }
        if second == 255 && first == 0 { return false }
        return second > first
    }

    /// The write that makes `environment` the one in force after `current` (nil when no copy is valid).
    ///
    /// Redundant: the copy not in force, with its counter one past the current (255 wraps to 0); with no valid
    /// copy, the first copy with counter 1. Single: the only copy, overwritten in place.
    /// - Throws: `EnvironmentError.tooLarge` when the variables do not fit.
    public func plan(writing environment: BootloaderEnvironment, after current: EnvironmentState?) throws
        -> EnvironmentWrite {
        guard configuration.layout == .redundant else {
            return try write(environment, copyIndex: 0, flags: nil)
        }
        guard let current else { return try write(environment, copyIndex: 0, flags: 1) }
        return try write(environment, copyIndex: 1 - current.copyIndex, flags: (current.flags ?? 0) &+ 1)
    }

    /// Every copy, for pre-seeding a fresh image: redundant copies hold the same variables with counter 1
    /// (as `mkenvimage -r` twice), so either survives alone and the first write goes to the second copy.
    /// - Throws: `EnvironmentError.tooLarge` when the variables do not fit.
    public func initialWrites(_ environment: BootloaderEnvironment) throws -> [EnvironmentWrite] {
        let flags: UInt8? = configuration.layout == .redundant ? 1 : nil
        return try configuration.copies.indices.map { try write(environment, copyIndex: $0, flags: flags) }
    }

    private func write(_ environment: BootloaderEnvironment, copyIndex: Int, flags: UInt8?) throws -> EnvironmentWrite {
        let location = configuration.copies[copyIndex]
        let bytes = try EnvironmentCopy(environment: environment, flags: flags).serialized(size: location.size)
        return EnvironmentWrite(copyIndex: copyIndex, location: location, flags: flags, bytes: bytes)
    }

    /// Reads every copy from `devices` (one per configured copy, in order) and selects the one in force.
    /// - Throws: `EnvironmentError.io`/`.shortRead` from a device, `.noValidCopy` when none is valid.
    public func read(from devices: [any EnvironmentDevice]) throws -> EnvironmentState {
        precondition(devices.count == configuration.copies.count, "one device per configured copy")
        let copies = try zip(configuration.copies, devices).map { location, device in
            try device.read(count: location.size, at: location.offset)
        }
        return try select(copies)
    }
}
