/// A command of a command-line tool, described by a static value instead of reflection.
///
/// Parsing reads `description` of the commands on the path the words name, scans the words
/// against their argument definitions once, then calls `init(_:)` and `validate()` of the
/// one command that runs. A command with subcommands and no words after it shows its help.
public protocol Command: Sendable {
    /// The command's name, help texts, arguments and subcommands.
    static var description: CommandDescription { get }

    /// Builds the command from its parsed words; throws `UsageError` for a value that does not convert.
    init(_ arguments: ParsedArguments) throws(UsageError)

    /// Checks values against each other before `run()`; throws `UsageError` naming the problem.
    func validate() throws(UsageError)

    /// Does the command's work; what it throws is the caller's to report.
    func run() throws
}

extension Command {
    public func validate() throws(UsageError) {}

    /// Commands that only group subcommands never run: parsing shows their help instead.
    public func run() throws {}
}
