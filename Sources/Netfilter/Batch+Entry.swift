extension Batch {
    /// One change in a batch: what is done to which object, and where its message lies.
    public struct Entry: Sendable, Hashable, CustomStringConvertible {
        /// `.add`, `.create` or `.delete`.
        public let operation: NetlinkOperation
        /// What the change is about, rendered only when asked.
        let subject: Subject
        /// The message's bytes in the batch's buffer.
        let range: Range<Int>

        /// The object in `nft` words, e.g. `table inet kiln`.
        public var object: String { subject.description }

        /// The change in `nft` words, e.g. `add table inet kiln`.
        public var description: String { "\(operation) \(object)" }
    }

    /// The object of a change. A rule is kept as it is and described only for an error or a
    /// listing: writing out every rule of a ruleset cost more than encoding the rules.
    enum Subject: Sendable, Hashable, CustomStringConvertible {
        case named(String)
        case rule(Rule)

        var description: String {
            switch self {
            case .named(let text): text
            case .rule(let rule): rule.description
            }
        }
    }
}
