/// Turns a command line's words into what they ask for: walks the subcommands the leading words
/// name, then scans the rest against the last command's arguments. Work is linear in the words.
public enum CommandLineParser {
    /// What `words` (without the program name) ask of the command tree under `root`;
    /// throws `UsageError`, with the path of the command it is about, when they do not fit.
    public static func parse(_ words: [String], root: any Command.Type) throws(UsageError) -> Invocation {
        var path = CommandPath([root.description])
        if words.first == "help", !path.command.subcommands.isEmpty {
            return .help(try helpPath(words.dropFirst(), from: path))
        }
        var command = root
        var index = 0
        while !path.command.subcommands.isEmpty {
            guard index < words.count else { return .help(path) }
            let word = words[index]
            if ArgumentScanner.isHelp(word) { return .help(path) }
            if word == "--version", let version = path.command.version { return .version(version) }
            guard let subcommand = path.command.subcommand(named: word) else {
                throw UsageError(unknownSubcommand(word, of: path.command), path: path)
            }
            command = subcommand
            path = path.appending(subcommand.description)
            index += 1
        }
        do {
            guard let parsed = try ArgumentScanner.scan(words[index...], for: path.command) else { return .help(path) }
            let instance = try command.init(parsed)
            try instance.validate()
            return .run(instance)
        } catch {
            throw UsageError(error.message, path: path)
        }
    }

    /// The path `help router apply` names.
    private static func helpPath(_ words: ArraySlice<String>, from root: CommandPath) throws(UsageError) -> CommandPath {
        var path = root
        for word in words {
            guard let subcommand = path.command.subcommand(named: word) else {
                throw UsageError(unknownSubcommand(word, of: path.command), path: path)
            }
            path = path.appending(subcommand.description)
        }
        return path
    }

    private static func unknownSubcommand(_ word: String, of command: CommandDescription) -> String {
        if ArgumentScanner.isOptionLike(word) { return "Unknown option '\(word)'" }
        let names = command.subcommands.map { $0.description }.filter { !$0.isHidden }.map(\.name)
        return "Unknown subcommand '\(word)'; expected one of: \(names.joined(separator: ", "))"
    }
}
