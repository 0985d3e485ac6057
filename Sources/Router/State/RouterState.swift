import FoundationEssentials

/// Where Kiln remembers the ruleset it last applied and a pending `apply --confirm`, so the
/// previous state can come back if the new one is not confirmed in time.
///
/// Files: `applied.json` + `applied.ranges` (the last applied config, its sets as ranges in
/// `RulesetCache`'s binary form, which loads far faster than 100,000 prefixes), the same as
/// `previous.*` during a pending confirmation, `pending` (its deadline) and `sets.cache`.
/// Default `/run/kiln/router`: it must not survive a reboot, where the ruleset does not either.
public struct RouterState: Sendable {
    public let directory: String

    public init(directory: String) { self.directory = directory }

    /// `$KILN_ROUTER_STATE`, or `/run/kiln/router`.
    public static var standard: RouterState {
        RouterState(directory: ProcessInfo.processInfo.environment["KILN_ROUTER_STATE"] ?? "/run/kiln/router")
    }

    var pendingPath: String { "\(directory)/pending" }
    var cachePath: String { "\(directory)/sets.cache" }
    static let snapshotSuffixes = [".json", ".ranges"]

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

    /// Records `ruleset`, made from `config`, as the applied state.
    /// - Throws: `RouterError` when the state directory cannot be written.
    public func recordApplied(_ config: RouterConfig, ruleset: Ruleset) throws(RouterError) {
        var stripped = config
        for index in stripped.sets.indices { stripped.sets[index].prefixes = [] }
        let ranges = RulesetCache(namespace: 0, tableHandle: 0, generation: 0, sets: ruleset.setRanges)
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try ranges.encoded().write(to: URL(fileURLWithPath: "\(directory)/applied.ranges"), options: .atomic)
            try JSONEncoder().encode(stripped).write(to: URL(fileURLWithPath: "\(directory)/applied.json"), options: .atomic)
        } catch {
            throw RouterError(file: "\(directory)/applied.json", message: "cannot record the applied state: \(error)")
        }
    }

    /// Starts a confirmation window: the applied state becomes the previous state.
    /// - Throws: `RouterError` when the state directory cannot be written.
    public func beginConfirmation(deadline: Date) throws(RouterError) {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            for suffix in Self.snapshotSuffixes {
                try? FileManager.default.removeItem(atPath: "\(directory)/previous\(suffix)")
                if FileManager.default.fileExists(atPath: "\(directory)/applied\(suffix)") {
                    try FileManager.default.copyItem(atPath: "\(directory)/applied\(suffix)", toPath: "\(directory)/previous\(suffix)")
                }
            }
            try "\(deadline.timeIntervalSince1970)\n".write(toFile: pendingPath, atomically: true, encoding: .utf8)
        } catch {
            throw RouterError(file: pendingPath, message: "cannot start the confirmation window: \(error)")
        }
    }

    /// Whether an apply is waiting for `kiln router confirm`.
    public var isPending: Bool { FileManager.default.fileExists(atPath: pendingPath) }

    /// Ends the confirmation window: the new state stays. Returns whether one was pending.
    @discardableResult
    public func confirm() -> Bool {
        guard isPending else { return false }
        try? FileManager.default.removeItem(atPath: pendingPath)
        for suffix in Self.snapshotSuffixes { try? FileManager.default.removeItem(atPath: "\(directory)/previous\(suffix)") }
        return true
    }

    /// The state to restore when the window expires: `.some(nil)` means there was none (remove
    /// the table); `nil` means no window is pending (confirmed meanwhile).
    /// - Throws: `RouterError` when the recorded previous state cannot be read.
    public func takeRollback() throws(RouterError) -> (config: RouterConfig, ruleset: Ruleset)?? {
        guard isPending else { return nil }
        let previous = try load("previous")
        _ = confirm()
        return .some(previous)
    }

    private func load(_ name: String) throws(RouterError) -> (config: RouterConfig, ruleset: Ruleset)? {
        let path = "\(directory)/\(name).json"
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let config: RouterConfig
        do {
            config = try JSONDecoder().decode(RouterConfig.self, from: data)
        } catch {
            throw RouterError(file: path, message: "cannot read recorded state: \(error)")
        }
        guard let ranges = FileManager.default.contents(atPath: "\(directory)/\(name).ranges").flatMap(RulesetCache.init(decoding:))
        else { throw RouterError(file: "\(directory)/\(name).ranges", message: "recorded set ranges are missing or damaged") }
        return (config, Ruleset(config: config, setRanges: ranges.sets))
    }
}
