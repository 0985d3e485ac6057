import Glibc
import LocalFiles

/// Where Kiln remembers the ruleset it last applied and a pending `apply --confirm`, so the
/// previous state can come back if the new one is not confirmed in time.
///
/// Files: `applied`, one snapshot of the last apply (its sets as ranges in `RulesetCache`'s binary
/// form, keyed by the kernel state Kiln's commit produced so the next apply can skip dumping them,
/// then the file name its errors use and the config's text); the same as `previous` during a
/// pending confirmation, and `pending` (its deadline, seconds since the epoch). One file per
/// snapshot is replaced in one step, so text and ranges always belong together. Default
/// `/run/kiln/router`: it must not survive a reboot, where the ruleset does not either, so files
/// are replaced atomically but without fsync.
public struct RouterState: Sendable {
    public let directory: String

    public init(directory: String) { self.directory = directory }

    /// `$KILN_ROUTER_STATE`, or `/run/kiln/router`.
    public static var standard: RouterState {
        RouterState(directory: getenv("KILN_ROUTER_STATE").map { String(cString: $0) } ?? "/run/kiln/router")
    }

    var pendingPath: String { "\(directory)/pending" }
    var appliedPath: String { "\(directory)/applied" }
    var previousPath: String { "\(directory)/previous" }

    /// The set cache of the last apply, if any and readable.
    public func cache() -> RulesetCache? {
        // Read straight into the range arrays (the snapshot starts with them): no copy of the
        // 800 KB of a large set at the peak of a large apply, and the config text is not read.
        RulesetCache(readingFile: appliedPath)
    }

    /// Records `ruleset`, made from `config`, as the applied state; `cache` (from the committed
    /// change) keys its ranges to the kernel state, so the next apply can trust them.
    /// - Throws: `RouterError` when the state directory cannot be written.
    public func recordApplied(_ config: RouterConfig, ruleset: Ruleset, cache: RulesetCache?) throws(RouterError) {
        let ranges = cache ?? RulesetCache(namespace: 0, tableHandle: 0, generation: 0, sets: ruleset.setRanges)
        do throws(FileError) {
            try LocalFiles.createDirectories(directory)
        } catch {
            throw RouterError(file: directory, message: "cannot record the applied state: \(error)")
        }
        do throws(FileError) {
            try LocalFiles.replace(appliedPath, durable: false) { (output: borrowing FileOutput) throws(FileError) in
                try ranges.write(to: output)
                for text in [config.file, config.source] {
                    try output.write(Self.littleEndianBytes(UInt32(text.utf8.count)))
                    try output.write(Array(text.utf8))
                }
            }
        } catch {
            throw RouterError(file: error.path, message: "cannot record the applied state: \(error.operation): \(error.reason)")
        }
    }

    /// What `beginConfirmation` did, so a failed apply can undo exactly that.
    public enum ConfirmationWindow: Sendable, Equatable {
        /// A new window: the applied state was recorded as the one to restore.
        case opened
        /// A window was already open; its snapshot stays, its deadline was this.
        case extended(previousDeadline: Double)
    }

    /// A pending window: when it ends, and whether there was an applied state to restore
    /// (without one, the rollback removes the table).
    struct Pending {
        var deadline: Double
        var hasPrevious: Bool

        init(deadline: Double, hasPrevious: Bool) {
            self.deadline = deadline
            self.hasPrevious = hasPrevious
        }

        /// Reads `DEADLINE PREVIOUS` (seconds since the epoch, 1 or 0).
        init?(_ bytes: [UInt8]) {
            let fields = String(decoding: bytes, as: UTF8.self).split(whereSeparator: \.isWhitespace)
            guard fields.count == 2, let deadline = Double(fields[0]), fields[1] == "0" || fields[1] == "1" else { return nil }
            self.init(deadline: deadline, hasPrevious: fields[1] == "1")
        }

        var encoded: [UInt8] { Array("\(deadline) \(hasPrevious ? 1 : 0)\n".utf8) }
    }

    /// Opens a confirmation window ending at `deadline` (seconds since the epoch): the applied
    /// state becomes the one to restore. When a window is already open, its snapshot stays (the
    /// state before the first unconfirmed apply is the one known to work) and only the deadline moves.
    /// - Throws: `RouterError` when the state directory cannot be written.
    public func beginConfirmation(deadline: Double) throws(RouterError) -> ConfirmationWindow {
        do {
            if let pending = pending() {
                try LocalFiles.replace(pendingPath, with: Pending(deadline: deadline, hasPrevious: pending.hasPrevious).encoded, durable: false)
                return .extended(previousDeadline: pending.deadline)
            }
            try LocalFiles.createDirectories(directory)
            try LocalFiles.remove(previousPath)
            let hasPrevious = LocalFiles.exists(appliedPath)
            if hasPrevious { try LocalFiles.replace(previousPath, with: try LocalFiles.read(appliedPath), durable: false) }
            try LocalFiles.replace(pendingPath, with: Pending(deadline: deadline, hasPrevious: hasPrevious).encoded, durable: false)
            return .opened
        } catch {
            throw RouterError(file: pendingPath, message: "cannot start the confirmation window: \(error)")
        }
    }

    /// Undoes `beginConfirmation` after an apply that changed nothing: closes a window it opened,
    /// or gives an extended one its old deadline back.
    public func undo(_ window: ConfirmationWindow) {
        switch window {
        case .opened:
            confirm()
        case .extended(let previousDeadline):
            guard let pending = pending() else { return }
            try? LocalFiles.replace(pendingPath, with: Pending(deadline: previousDeadline, hasPrevious: pending.hasPrevious).encoded, durable: false)
        }
    }

    func pending() -> Pending? { (try? LocalFiles.read(pendingPath)).flatMap(Pending.init) }

    /// Whether an apply is waiting for `kiln router confirm`.
    public var isPending: Bool { LocalFiles.exists(pendingPath) }

    /// When the pending window ends (seconds since the epoch); `nil` when none is pending.
    public var pendingDeadline: Double? { pending()?.deadline }

    /// Ends the confirmation window: the new state stays. Returns whether one was pending.
    /// Removing `pending` is the one atomic step, so a confirm racing a rollback timer loses or
    /// wins as a whole.
    @discardableResult
    public func confirm() -> Bool {
        guard unlink(pendingPath) == 0 else { return false }
        removeSnapshot()
        return true
    }

    private func removeSnapshot() { try? LocalFiles.remove(previousPath) }

    /// Claims the expired window and returns the state to restore: `.some(nil)` means there was
    /// none (remove the table); `nil` means nothing is pending (confirmed meanwhile, or another
    /// timer claimed it first: renaming `pending` away is atomic, so only one timer restores).
    /// - Throws: `RouterError` when the recorded previous state cannot be read.
    public func takeRollback() throws(RouterError) -> (config: RouterConfig, ruleset: Ruleset)?? {
        let claimed = "\(pendingPath).\(getpid())"
        guard rename(pendingPath, claimed) == 0 else { return nil }
        defer { unlink(claimed); removeSnapshot() }
        guard let pending = (try? LocalFiles.read(claimed)).flatMap(Pending.init) else {
            throw RouterError(file: pendingPath, message: "the pending confirmation record is damaged")
        }
        guard pending.hasPrevious else { return .some(nil) }
        guard let previous = try load(previousPath) else {
            throw RouterError(file: previousPath, message: "the state to restore is missing")
        }
        return .some(previous)
    }

    /// The snapshot at `path` (`applied`, `previous`): its config with its sets' recorded ranges;
    /// `nil` when there is none.
    /// - Throws: `RouterError` when the snapshot is damaged or its ranges do not fit its config.
    private func load(_ path: String) throws(RouterError) -> (config: RouterConfig, ruleset: Ruleset)? {
        guard let bytes = try? LocalFiles.read(path) else { return nil }
        var reader = CacheReader(source: ByteSource(bytes: bytes))
        guard let ranges = RulesetCache(reading: &reader),
              let file = reader.text(), let text = reader.text(), reader.source.remaining == 0
        else { throw RouterError(file: path, message: "the recorded state is damaged") }
        let config = try RouterConfig.parse(text, file: file, directory: directory, readingElementFiles: false)
        guard config.sets.allSatisfy({ ranges.sets[$0.name]?.version == $0.version }) else {
            throw RouterError(file: path, message: "the recorded set ranges are of another config")
        }
        return (config, Ruleset(config: config, setRanges: ranges.sets))
    }

    private static func littleEndianBytes(_ value: UInt32) -> [UInt8] { withUnsafeBytes(of: value.littleEndian) { Array($0) } }
}

extension CacheReader {
    /// A length-prefixed UTF-8 text (the snapshot's file name and config).
    mutating func text() -> String? {
        guard let length: UInt32 = integer(), let bytes = take(Int(length)) else { return nil }
        return String(validating: bytes, as: UTF8.self)
    }
}
