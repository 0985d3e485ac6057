/// The words do not fit the command: an unknown option, a missing or bad value, a failed check.
///
/// Parsing fills in `path`, the command whose usage the message is about.
public struct UsageError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var path: CommandPath?

    public init(_ message: String, path: CommandPath? = nil) {
        self.message = message
        self.path = path
    }

    public var description: String { message }
}
