/// What the bootloader knows about the slots, whichever backend stores it: the order it tries them in,
/// the attempts each has left, and Kiln's record of what each slot holds.
public struct BootState: Sendable, Equatable {
    public var order: [String]
    public var attemptsLeft: [String: Int]
    /// The version of the bundle installed in each slot (absent for a slot flashed by `kiln image build`).
    public var versions: [String: String]
    /// Each slot's anti-rollback floor, from its bundle's `min-version`.
    public var minimumVersions: [String: String]

    public init(order: [String], attemptsLeft: [String: Int], versions: [String: String] = [:],
                minimumVersions: [String: String] = [:]) {
        self.order = order
        self.attemptsLeft = attemptsLeft
        self.versions = versions
        self.minimumVersions = minimumVersions
    }

    /// Whether the bootloader would try `slot`: listed in the order with attempts left.
    public func isBootable(_ slot: String) -> Bool {
        order.contains(slot) && (attemptsLeft[slot] ?? 0) > 0
    }

    /// The slot the next boot starts: the first bootable one in the order.
    public var primary: String? { order.first { isBootable($0) } }

    /// Before `slot` is written: the bootloader must not try it while it holds a partial image.
    public func markingUnbootable(_ slot: String) -> BootState {
        var next = self
        next.order.removeAll { $0 == slot }
        next.attemptsLeft[slot] = 0
        next.versions[slot] = nil
        next.minimumVersions[slot] = nil
        return next
    }

    /// After `slot` was written and checked: first in the order with fresh attempts, and what it now holds.
    public func activating(_ slot: String, attempts: Int, version: String, minimumVersion: String?) -> BootState {
        var next = self
        next.order.removeAll { $0 == slot }
        next.order.insert(slot, at: 0)
        next.attemptsLeft[slot] = attempts
        next.versions[slot] = version
        next.minimumVersions[slot] = minimumVersion
        return next
    }

    /// The running slot came up healthy: it keeps its place with full attempts, and stays in the order.
    public func markingGood(_ slot: String, attempts: Int) -> BootState {
        var next = self
        if !next.order.contains(slot) { next.order.append(slot) }
        next.attemptsLeft[slot] = attempts
        return next
    }

    /// `slot` must not be booted again until something is installed into it.
    public func markingBad(_ slot: String) -> BootState {
        var next = self
        next.order.removeAll { $0 == slot }
        next.attemptsLeft[slot] = 0
        return next
    }
}
