extension ArchiveEntry {
    /// A point in time as archives store it: seconds since the epoch plus nanoseconds.
    public struct Timestamp: Sendable, Equatable, Hashable {
        /// Whole seconds since 1970-01-01T00:00:00Z.
        public var seconds: Int64
        /// Nanoseconds within the second, `0..<1_000_000_000`.
        public var nanoseconds: Int32

        /// Creates a timestamp from seconds and nanoseconds since the epoch.
        public init(seconds: Int64, nanoseconds: Int32 = 0) {
            self.seconds = seconds
            self.nanoseconds = nanoseconds
        }

        /// The epoch: the default for written entries, so no build time leaks into archives.
        public static let epoch = Timestamp(seconds: 0)
    }
}
