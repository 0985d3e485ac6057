import FoundationEssentials
import Glibc
import LocalFiles

/// Where Kiln remembers the ruleset it last applied and a pending `apply --confirm`, so the
/// previous state can come back if the new one is not confirmed in time.
///
/// Files: `applied.json` + `applied.ranges` (the last applied config, and its sets as ranges in
/// `RulesetCache`'s binary form, keyed by the kernel state Kiln's commit produced, so the next
/// apply can skip dumping them); the same as `previous.*` during a pending confirmation, and
/// `pending` (its deadline, seconds since the epoch). Default `/run/kiln/router`: it must not
/// survive a reboot, where the ruleset does not either.
public struct RouterState: Sendable {
    public let directory: String

    public init(directory: String) { self.directory = directory }

    /// `$KILN_ROUTER_STATE`, or `/run/kiln/router`.
    public static var standard: RouterState {
        RouterState(directory: ProcessInfo.processInfo.environment["KILN_ROUTER_STATE"] ?? "/run/kiln/router")
    }

    var pendingPath: String { "\(directory)/pending" }
    static let snapshotSuffixes = [".json", ".ranges"]
    private var files: FileManager { FileManager.default }

    /// The set cache of the last apply, if any and readable.
    public func cache() -> RulesetCache? {
        // Read as bytes, not `Data`: a copy of 800 KB less at the peak of a large apply.
        (try? LocalFiles.read("\(directory)/applied.ranges")).flatMap(RulesetCache.init(decoding:))
    }

    /// Records `ruleset`, made from `config`, as the applied state; `cache` (from the committed
    /// change) keys its ranges to the kernel state, so the next apply can trust them.
    /// - Throws: `RouterError` when the state directory cannot be written.
    public func recordApplied(_ config: RouterConfig, ruleset: Ruleset, cache: RulesetCache?) throws(RouterError) {
        let ranges = cache ?? RulesetCache(namespace: 0, tableHandle: 0, generation: 0, sets: ruleset.setRanges)
        do {
            try files.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try LocalFiles.replace("\(directory)/applied.ranges", with: ranges.encoded())
            try JSONEncoder().encode(config).write(to: URL(fileURLWithPath: "\(directory)/applied.json"), options: .atomic)
        } catch {
            throw RouterError(file: "\(directory)/applied.json", message: "cannot record the applied state: \(error)")
        }
    }

    /// Opens a confirmation window ending at `deadline` (seconds since the epoch): the applied
    /// state becomes the one to restore. When a window is already open, its snapshot stays (the
    /// state before the first unconfirmed apply is the one known to work) and only the deadline moves.
    /// - Returns: whether a new window was opened.
    /// - Throws: `RouterError` when the state directory cannot be written.
    @discardableResult
    public func beginConfirmation(deadline: Double) throws(RouterError) -> Bool {
        let opened = !isPending
        do {
            try files.createDirectory(atPath: directory, withIntermediateDirectories: true)
            if opened {
                for suffix in Self.snapshotSuffixes {
                    try? files.removeItem(atPath: "\(directory)/previous\(suffix)")
                    if files.fileExists(atPath: "\(directory)/applied\(suffix)") {
                        try files.copyItem(atPath: "\(directory)/applied\(suffix)", toPath: "\(directory)/previous\(suffix)")
                    }
                }
            }
            try Data("\(deadline)\n".utf8).write(to: URL(fileURLWithPath: pendingPath), options: .atomic)
        } catch {
            throw RouterError(file: pendingPath, message: "cannot start the confirmation window: \(error)")
        }
        return opened
    }

    /// Whether an apply is waiting for `kiln router confirm`.
    public var isPending: Bool { files.fileExists(atPath: pendingPath) }

    /// When the pending window ends (seconds since the epoch); `nil` when none is pending.
    public var pendingDeadline: Double? {
        files.contents(atPath: pendingPath).flatMap { data in
            String(decoding: data, as: UTF8.self).split(whereSeparator: \.isWhitespace).first.flatMap { Double($0) }
        }
    }

    /// Ends the confirmation window: the new state stays. Returns whether one was pending.
    @discardableResult
    public func confirm() -> Bool {
        guard isPending else { return false }
        try? files.removeItem(atPath: pendingPath)
        for suffix in Self.snapshotSuffixes { try? files.removeItem(atPath: "\(directory)/previous\(suffix)") }
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
        guard let data = files.contents(atPath: path) else { return nil }
        let config: RouterConfig
        do {
            config = try JSONDecoder().decode(RouterConfig.self, from: data)
        } catch {
            throw RouterError(file: path, message: "cannot read recorded state: \(error)")
        }
        let rangesPath = "\(directory)/\(name).ranges"
        guard let ranges = files.contents(atPath: rangesPath).flatMap({ RulesetCache(decoding: [UInt8]($0)) })
        else { throw RouterError(file: rangesPath, message: "recorded set ranges are missing or damaged") }
        return (config, Ruleset(config: config, setRanges: ranges.sets))
    }
}
