import Foundation

/// Where Kiln remembers the config it last applied and a pending `apply --confirm`, so the
/// previous state can come back if the new one is not confirmed in time.
///
/// Files: `applied.json` (the last applied config, set elements included), `previous.json`
/// (the one before a pending confirmation; absent when there was none) and `pending`
/// (the deadline of an unconfirmed apply). Default `/run/kiln/router`: it must not survive a
/// reboot, where the ruleset does not either.
public struct RouterState: Sendable {
    public let directory: String

    public init(directory: String) { self.directory = directory }

    /// `$KILN_ROUTER_STATE`, or `/run/kiln/router`.
    public static var standard: RouterState {
        RouterState(directory: ProcessInfo.processInfo.environment["KILN_ROUTER_STATE"] ?? "/run/kiln/router")
    }

    var appliedPath: String { "\(directory)/applied.json" }
    var previousPath: String { "\(directory)/previous.json" }
    var pendingPath: String { "\(directory)/pending" }
    var cachePath: String { "\(directory)/sets.cache" }

    /// The set cache of the last apply, if any and readable.
    public func cache() -> RulesetCache? {
        FileManager.default.contents(atPath: cachePath).flatMap(RulesetCache.init(decoding:))
    }

    /// Stores (or with `nil` removes) the set cache. Failing to store it only costs speed.
    public func recordCache(_ cache: RulesetCache?) {
        guard let cache else { try? FileManager.default.removeItem(atPath: cachePath); return }
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try? cache.encoded().write(to: URL(fileURLWithPath: cachePath), options: .atomic)
    }

    /// Records `config` as the applied state.
    /// - Throws: `RouterError` when the state directory cannot be written.
    public func recordApplied(_ config: RouterConfig) throws(RouterError) {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try JSONEncoder().encode(config).write(to: URL(fileURLWithPath: appliedPath), options: .atomic)
        } catch {
            throw RouterError(file: appliedPath, message: "cannot record the applied config: \(error.localizedDescription)")
        }
    }

    /// The last applied config, `nil` if Kiln has not applied one since boot.
    /// - Throws: `RouterError` when the file exists but cannot be read.
    public func applied() throws(RouterError) -> RouterConfig? { try load(appliedPath) }

    /// Starts a confirmation window: the current applied config becomes `previous.json`.
    /// - Throws: `RouterError` when the state directory cannot be written.
    public func beginConfirmation(deadline: Date) throws(RouterError) {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try? FileManager.default.removeItem(atPath: previousPath)
            if FileManager.default.fileExists(atPath: appliedPath) {
                try FileManager.default.copyItem(atPath: appliedPath, toPath: previousPath)
            }
            try "\(deadline.timeIntervalSince1970)\n".write(toFile: pendingPath, atomically: true, encoding: .utf8)
        } catch {
            throw RouterError(file: pendingPath, message: "cannot start the confirmation window: \(error.localizedDescription)")
        }
    }

    /// Whether an apply is waiting for `kiln router confirm`.
    public var isPending: Bool { FileManager.default.fileExists(atPath: pendingPath) }

    /// Ends the confirmation window: the new state stays. Returns whether one was pending.
    @discardableResult
    public func confirm() -> Bool {
        guard isPending else { return false }
        try? FileManager.default.removeItem(atPath: pendingPath)
        try? FileManager.default.removeItem(atPath: previousPath)
        return true
    }

    /// The config to restore when the window expires: `.some(nil)` means there was none (remove
    /// the table); `nil` means no window is pending (confirmed meanwhile).
    /// - Throws: `RouterError` when `previous.json` cannot be read.
    public func takeRollback() throws(RouterError) -> RouterConfig?? {
        guard isPending else { return nil }
        let previous = try load(previousPath)
        try? FileManager.default.removeItem(atPath: pendingPath)
        try? FileManager.default.removeItem(atPath: previousPath)
        return .some(previous)
    }

    private func load(_ path: String) throws(RouterError) -> RouterConfig? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        do {
            return try JSONDecoder().decode(RouterConfig.self, from: data)
        } catch {
            throw RouterError(file: path, message: "cannot read recorded state: \(error)")
        }
    }
}
