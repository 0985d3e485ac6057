extension ArchiveEntry {
    /// One extended attribute (e.g. `security.capability`) with its raw value.
    ///
    /// A struct rather than a tuple so that entries can be `Equatable`.
    public struct ExtendedAttribute: Sendable, Equatable, Hashable {
        /// Full attribute name including its namespace, e.g. `user.kiln`.
        public var name: String
        /// Raw value bytes; binary attributes such as capabilities are not text.
        public var value: [UInt8]

        /// Creates an attribute from its full name and raw value.
        public init(name: String, value: [UInt8]) {
            self.name = name
            self.value = value
        }
    }
}
