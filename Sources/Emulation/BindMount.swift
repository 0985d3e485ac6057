/// A host path to show inside the tree: `SRC[:DST]` on the command line (DST defaults to SRC).
public struct BindMount: Sendable, Equatable {
    public var source: String
    public var destination: String

    public init(source: String, destination: String) {
        self.source = source
        self.destination = destination
    }

    /// Parses `SRC[:DST]`.
    /// - Throws: `EmulationError.invalidArgument` when a part is empty or DST is not absolute.
    public init(parsing text: String) throws(EmulationError) {
        let parts = text.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        let source = parts[0], destination = parts.count > 1 ? parts[1] : parts[0]
        guard !source.isEmpty, !destination.isEmpty else {
            throw .invalidArgument(name: "--bind", value: text, reason: "expected SRC or SRC:DST")
        }
        guard destination.hasPrefix("/") else {
            throw .invalidArgument(name: "--bind", value: text, reason: "the destination must be an absolute path inside the tree")
        }
        guard !destination.split(separator: "/").contains("..") else {
            throw .invalidArgument(name: "--bind", value: text, reason: "the destination must not contain '..'")
        }
        self.init(source: source, destination: destination)
    }
}
