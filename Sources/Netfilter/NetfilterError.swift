/// A failure of the netfilter netlink layer: what was being done, to which object, and why.
///
/// `errno` is the kernel's (or libc's) error code; `kernelMessage` is the text the kernel
/// attached through extended acknowledgements (`NETLINK_EXT_ACK`), when it sent one.
public struct NetfilterError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The step that failed.
    public var operation: NetlinkOperation
    /// The object concerned, in `nft` words (`"table inet kiln"`), or `nil` for the socket itself.
    public var object: String?
    /// The underlying error code.
    public var errno: Errno
    /// The kernel's extended-ack message, if it sent one.
    public var kernelMessage: String?
    /// Kiln's own explanation when the failure is not a plain system error.
    public var detail: String?
    /// For a rejected batch, the index in `Batch.entries` of the change the kernel refused;
    /// callers map it back to what they built the change from.
    public var changeIndex: Int?

    public init(
        _ operation: NetlinkOperation, object: String? = nil, errno: Errno,
        kernelMessage: String? = nil, detail: String? = nil, changeIndex: Int? = nil
    ) {
        self.changeIndex = changeIndex
        self.operation = operation
        self.object = object
        self.errno = errno
        self.kernelMessage = kernelMessage
        self.detail = detail
    }

    /// Whether the kernel refused a batch because the ruleset generation changed since it was read.
    public var isConcurrentChange: Bool { errno == .restart && changeIndex == nil }

    public var description: String {
        var text = operation.description
        if let object { text += " \(object)" }
        text += ": \(errno)"
        if let kernelMessage { text += " (kernel: \(kernelMessage))" }
        if let detail { text += " (\(detail))" }
        return text
    }
}
