/// Why a document is not valid TOML 1.0, and where.
public struct TOMLSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    public var position: SourcePosition
    public var message: String

    public init(position: SourcePosition, message: String) {
        self.position = position
        self.message = message
    }

    /// `LINE:COL: message`, ready to follow a file name.
    public var description: String { "\(position): \(message)" }
}
