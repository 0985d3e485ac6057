/// How far a build is, reported as it goes so a front end can draw a progress bar.
public struct ImageBuildProgress: Sendable, Equatable {
    /// What is being written, e.g. `rootfs-a`, `block map`.
    public var step: String
    /// Units done and expected, in bytes; `total` is 0 when unknown.
    public var completed: UInt64
    public var total: UInt64

    public init(step: String, completed: UInt64, total: UInt64) {
        self.step = step
        self.completed = completed
        self.total = total
    }
}

/// Receives progress reports; called on the building thread, so it must return quickly.
public typealias ImageBuildObserver = (ImageBuildProgress) -> Void
