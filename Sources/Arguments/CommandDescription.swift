/// A command's name, help texts, arguments and subcommands: what `--help` shows and parsing checks.
public struct CommandDescription: Sendable {
    public var name: String
    /// One line (wrapped) under OVERVIEW and beside the name in the parent's SUBCOMMANDS.
    public var abstract: String
    /// Paragraphs after the overview; each line is wrapped on its own.
    public var discussion: String
    /// Shown by `--version`, accepted on the command that has it (the root).
    public var version: String?
    /// A hidden command runs but is not listed (an internal helper such as a timer).
    public var isHidden: Bool
    /// What the command accepts, in the order help and usage lines show them.
    public var arguments: [ArgumentDefinition]
    /// A command with subcommands is a group: the next word must name one of them (or be `-h`,
    /// `--help`, or `--version` where there is a version); its own `arguments` are not read.
    public var subcommands: [any Command.Type]

    public init(name: String, abstract: String, discussion: String = "", version: String? = nil, isHidden: Bool = false,
                arguments: [ArgumentDefinition] = [], subcommands: [any Command.Type] = []) {
        self.name = name
        self.abstract = abstract
        self.discussion = discussion
        self.version = version
        self.isHidden = isHidden
        self.arguments = arguments
        self.subcommands = subcommands
    }

    /// The subcommand called `name`, hidden ones included.
    func subcommand(named name: String) -> (any Command.Type)? {
        subcommands.first { $0.description.name == name }
    }

    /// The named argument written `--name`.
    func argument(long: String) -> ArgumentDefinition? {
        arguments.first { $0.isNamed && $0.name == long }
    }

    /// The named argument written `-x`.
    func argument(short: Character) -> ArgumentDefinition? {
        arguments.first { $0.isNamed && $0.short == short }
    }
}
