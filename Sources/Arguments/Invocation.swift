/// What the words ask for, once parsed.
public enum Invocation: Sendable {
    /// Run this command.
    case run(any Command)
    /// Show the help of the command at this path (`-h`, `--help`, `help ...`, or a group alone).
    case help(CommandPath)
    /// Show the root command's version.
    case version(String)
}
