extension Batch {
    /// One change in a batch: what is done to which object, and its encoded message.
    public struct Entry: Sendable, Hashable, CustomStringConvertible {
        /// `.add`, `.create` or `.delete`.
        public let operation: NetlinkOperation
        /// The object in `nft` words, e.g. `table inet kiln`.
        public let object: String
        let message: NetlinkMessage

        /// The change in `nft` words, e.g. `add table inet kiln`.
        public var description: String { "\(operation) \(object)" }
    }
}
