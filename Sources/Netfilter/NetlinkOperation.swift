/// What Kiln was doing on the netfilter netlink socket when something failed.
public enum NetlinkOperation: String, Sendable, Hashable, CustomStringConvertible {
    /// Opening, binding or configuring the socket.
    case open
    /// Sending a message or batch.
    case send
    /// Reading the kernel's replies.
    case receive
    /// Listing objects (`NLM_F_DUMP`).
    case list
    /// Asking for a single object, such as the ruleset generation.
    case get
    /// Creating an object, or updating it if it exists (`nft add`).
    case add
    /// Creating an object that must not exist yet (`nft create`).
    case create
    /// Deleting an object that must exist.
    case delete
    /// Encoding a message before any I/O.
    case build
    /// Decoding a message the kernel sent.
    case parse

    public var description: String { rawValue }
}
