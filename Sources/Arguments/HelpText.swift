/// The `--help` text of a command and its usage line, in ArgumentParser's layout:
/// OVERVIEW, discussion, USAGE, ARGUMENTS, OPTIONS, SUBCOMMANDS.
public enum HelpText {
    /// Help lines are at most this long (the 80th column stays free, as in ArgumentParser).
    public static let width = 79
    /// Where the help column of a row starts.
    static let helpColumn = 26
    /// More optional options than this show as `[<options>]` in the usage line.
    static let listedOptionalsLimit = 10

    /// The whole help of the command at `path`.
    public static func render(_ path: CommandPath) -> String {
        let command = path.command
        var sections = [TextWrapping.wrap("OVERVIEW: " + command.abstract, width: width).joined(separator: "\n")]
        if !command.discussion.isEmpty {
            sections.append(TextWrapping.wrap(command.discussion, width: width).joined(separator: "\n"))
        }
        sections.append("USAGE: " + usage(path))
        let positionals = command.arguments.filter { !$0.isNamed }
        if !positionals.isEmpty {
            sections.append((["ARGUMENTS:"] + positionals.flatMap { row($0.label, entryHelp($0)) }).joined(separator: "\n"))
        }
        sections.append((["OPTIONS:"] + optionRows(command)).joined(separator: "\n"))
        let listed = command.subcommands.map { $0.description }.filter { !$0.isHidden }
        if !listed.isEmpty {
            let subpath = path.commands.dropFirst().map { $0.name + " " }.joined()
            sections.append((["SUBCOMMANDS:"] + listed.flatMap { row($0.name, $0.abstract) }).joined(separator: "\n"))
            sections.append("  See '\(path.commands[0].name) help \(subpath)<subcommand>' for detailed help.")
        }
        // A command's help ends in a blank line, a group's with its "See" line.
        return sections.joined(separator: "\n\n") + (listed.isEmpty ? "\n\n" : "\n")
    }

    /// The usage line after `USAGE:`: `kiln router apply <config> [--confirm <confirm>]`.
    public static func usage(_ path: CommandPath) -> String {
        let command = path.command
        if !command.subcommands.isEmpty { return path.commandLine + " <subcommand>" }
        let optionals = command.arguments.filter { $0.isNamed && !$0.isRequired }
        let collapse = optionals.count > listedOptionalsLimit
        var parts = [path.commandLine]
        if collapse { parts.append("[<options>]") }
        for argument in command.arguments where !(collapse && argument.isNamed && !argument.isRequired) {
            parts.append(argument.usage)
        }
        return parts.joined(separator: " ")
    }

    private static func optionRows(_ command: CommandDescription) -> [String] {
        var rows = command.arguments.filter(\.isNamed).flatMap { argument in
            row((argument.short.map { "-\($0), " } ?? "") + argument.label, entryHelp(argument))
        }
        if command.version != nil { rows += row("--version", "Show the version.") }
        return rows + row("-h, --help", "Show help information.")
    }

    /// An argument's help with its accepted values and default.
    private static func entryHelp(_ argument: ArgumentDefinition) -> String {
        var notes: [String] = []
        if !argument.allowedValues.isEmpty { notes.append("values: " + argument.allowedValues.joined(separator: ", ")) }
        if let value = argument.defaultValue { notes.append("default: " + value) }
        return notes.isEmpty ? argument.help : argument.help + " (" + notes.joined(separator: "; ") + ")"
    }

    /// `  label   help`, the help wrapped in its column; a long label gets a line of its own.
    private static func row(_ label: String, _ help: String) -> [String] {
        guard !help.isEmpty else { return ["  " + label] }
        let indent = String(repeating: " ", count: helpColumn)
        var lines = TextWrapping.wrap(help, width: width - helpColumn).map { indent + $0 }
        let head = "  " + label
        if head.count + 2 <= helpColumn {
            lines[0] = head + String(repeating: " ", count: helpColumn - head.count) + lines[0].dropFirst(helpColumn)
        } else {
            lines.insert(head, at: 0)
        }
        return lines
    }
}
