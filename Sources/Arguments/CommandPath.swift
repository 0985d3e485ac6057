/// The commands from the root to the one the words name, e.g. kiln → router → apply.
public struct CommandPath: Sendable {
    public var commands: [CommandDescription]

    public init(_ commands: [CommandDescription]) {
        precondition(!commands.isEmpty, "a command path starts at the root")
        self.commands = commands
    }

    /// The last command on the path.
    public var command: CommandDescription { commands[commands.count - 1] }

    /// The names joined, as typed: `kiln router apply`.
    public var commandLine: String { commands.map(\.name).joined(separator: " ") }

    /// The path one command further.
    func appending(_ description: CommandDescription) -> CommandPath {
        CommandPath(commands + [description])
    }
}
