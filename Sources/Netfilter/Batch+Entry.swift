extension Batch {
    /// One change in a batch: what is done to which object, and where its message lies.
    public struct Entry: Sendable, Hashable, CustomStringConvertible {
        /// `.add`, `.create` or `.delete`.
        public let operation: NetlinkOperation
        /// The object in `nft` words, e.g. `table inet kiln`.
        public let object: String
        /// The message's bytes in the batch's buffer.
        let range: Range<Int>

        /// The change in `nft` words, e.g. `add table inet kiln`.
        public var description: String { "\(operation) \(object)" }
    }
}
