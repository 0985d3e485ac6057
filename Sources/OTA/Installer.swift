#if canImport(Glibc)
import Glibc
#endif

/// Installs a bundle into the inactive slot: verify, write chunk by chunk, read back, then switch in one write.
///
/// The order is what makes a power cut at any moment safe: the target is made unbootable before its first byte
/// is written, and becomes primary only after the whole slot was read back and matched the signed hashes.
public struct Installer {
    public struct Options: Sendable {
        /// Install a lower version than the running one, or one below its floor.
        public var allowDowngrade: Bool
        public init(allowDowngrade: Bool = false) { self.allowDowngrade = allowDowngrade }
    }

    /// How far an install is, for a progress bar.
    public struct Progress: Sendable {
        public enum Phase: String, Sendable { case writing = "writing", checking = "checking" }
        public var phase: Phase
        public var done: UInt64
        public var total: UInt64
    }

    public let system: OTASystem
    public init(system: OTASystem) { self.system = system }

    /// Installs the bundle `source` streams and records the outcome in the data directory.
    /// - Throws: `OTAError` for anything that stops the install; the target slot is then not primary.
    public func install(from source: any BundleSource, options: Options = Options(),
                        progress: (Progress) -> Void = { _ in }) throws(OTAError) -> Manifest {
        let configuration = system.configuration
        let lock = try InstallLock(directory: configuration.dataDirectory)
        defer { withExtendedLifetime(lock) {} }
        var manifest: Manifest?
        do {
            manifest = try run(source, options: options, progress: progress) { manifest = $0 }
            try record(.success, source: source, manifest: manifest, error: nil)
            return manifest!
        } catch {
            try? record(.failure, source: source, manifest: manifest, error: error)
            throw error
        }
    }

    private func run(_ source: any BundleSource, options: Options, progress: (Progress) -> Void,
                     verified: (Manifest) -> Void) throws(OTAError) -> Manifest {
        let configuration = system.configuration
        let reader = try BundleReader(source: source, keyring: try Keyring(path: configuration.keyring))
        let manifest = reader.manifest
        verified(manifest)
        guard manifest.compatible == configuration.board else {
            throw .incompatible(bundle: manifest.compatible, system: configuration.board)
        }
        guard let payload = manifest.rootfs else {
            throw .malformedBundle(source: source.name, offset: UInt64(BundleFormat.headerLength), reason: "it has no 'rootfs' payload")
        }
        let state = try system.selection.read()
        try checkVersion(manifest.version, against: state, options: options)
        let target = system.inactive
        let slot = try SlotDevice(slot: target.name, path: target.device, size: payload.size)
        try system.selection.write(state.markingUnbootable(target.name))
        try reader.streamPayloads { (current, index, offset, bytes) throws(OTAError) in
            guard current.name == payload.name else { return }
            if case .zero = payload.chunks[index] {
                try slot.zero(count: bytes.count, at: offset)
            } else {
                try slot.write(bytes, at: offset)
            }
            progress(Progress(phase: .writing, done: offset + UInt64(bytes.count), total: payload.size))
        }
        try slot.syncAndDropCache()
        try SlotCheck(payload: payload, device: slot).run { progress(Progress(phase: .checking, done: $0, total: payload.size)) }
        let switched = try system.selection.read().activating(
            target.name, attempts: configuration.bootloader.attempts, version: manifest.version.description,
            minimumVersion: manifest.minimumVersion?.description)
        try system.selection.write(switched)
        return manifest
    }

    /// Refuses a lower version than the booted slot's, or one below its floor, unless allowed.
    private func checkVersion(_ version: SemanticVersion, against state: BootState, options: Options) throws(OTAError) {
        guard !options.allowDowngrade else { return }
        let booted = system.booted
        if let text = state.minimumVersions[booted], let floor = try? SemanticVersion(text), version < floor {
            throw .versionRefused("bundle version \(version) is below \(floor), the lowest version the running system (slot \(booted)) allows; use --allow-downgrade to install it anyway")
        }
        if let text = state.versions[booted], let running = try? SemanticVersion(text), version < running {
            throw .versionRefused("bundle version \(version) is older than the running \(running) (slot \(booted)); use --allow-downgrade to install it anyway")
        }
    }

    private func record(_ result: InstallRecord.Result, source: any BundleSource, manifest: Manifest?, error: OTAError?) throws(OTAError) {
        let record = InstallRecord(result: result, bundle: source.name, slot: system.inactive.name,
                                   version: manifest?.version.description, error: error?.description,
                                   time: Int64(time(nil)))
        try record.save(in: system.configuration.dataDirectory)
    }
}
