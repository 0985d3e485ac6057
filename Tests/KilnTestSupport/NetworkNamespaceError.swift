/// A failure to create, enter or remove a test network namespace, or to run a command.
public struct NetworkNamespaceError: Error, CustomStringConvertible {
    /// What failed, with the namespace's name and the command's output or errno text.
    public var description: String

    public init(_ description: String) { self.description = description }
}
