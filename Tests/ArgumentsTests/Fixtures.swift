import Arguments

/// A small command tree, standing in for a tool: `tool deploy`, `tool exec`, `tool remote add|list`.
struct Tool: Command {
    static let description = CommandDescription(
        name: "tool", abstract: "Deploy things.", version: "1.2.3",
        subcommands: [Deploy.self, Exec.self, Remote.self])

    init(_ arguments: ParsedArguments) {}
}

enum Speed: String, CaseIterable, ArgumentValue { case slow, fast }

/// Shared options, as several commands would include them.
struct Verbosity {
    static let arguments: [ArgumentDefinition] = [.flag("verbose", short: "v", help: "Say more.")]
    var verbose: Bool

    init(_ arguments: ParsedArguments) { verbose = arguments.flag("verbose") }
}

/// Every kind of argument but passthrough.
struct Deploy: Command {
    static let description = CommandDescription(
        name: "deploy", abstract: "Deploy a target to hosts.",
        discussion: "Hosts are tried in order.\nA second paragraph that is long enough to need wrapping at the help text's width, which is seventy-nine columns.",
        arguments: Verbosity.arguments + [
            .option("target", value: "name", required: true, help: "What to deploy."),
            .option("retries", default: "3", help: "How often to retry."),
            .option("speed", value: "speed", values: Speed.argumentValues, help: "How fast."),
            .option("epoch", value: "seconds", help: "A time."),
            .option("port", help: "A port."),
            .repeatable("tag", value: "tag", help: "A tag (repeatable)."),
            .flag("dry-run", help: "Print the plan only."),
            .positional("site", help: "The site."),
            .positionals("hosts", required: false, help: "The hosts."),
        ])

    var verbosity: Verbosity
    var target: String
    var retries: Int
    var speed: Speed?
    var epoch: Int64?
    var port: UInt16?
    var tags: [String]
    var dryRun: Bool
    var site: String
    var hosts: [String]

    init(_ arguments: ParsedArguments) throws(UsageError) {
        verbosity = Verbosity(arguments)
        target = try arguments.required("target")
        retries = try arguments.required("retries")
        speed = try arguments.value("speed")
        epoch = try arguments.value("epoch")
        port = try arguments.value("port")
        tags = try arguments.values("tag")
        dryRun = arguments.flag("dry-run")
        site = try arguments.required("site")
        hosts = try arguments.values("hosts")
    }

    func validate() throws(UsageError) {
        if retries < 0 { throw UsageError("--retries cannot be negative") }
    }
}

/// A command line passed through, as `kiln emu run` does.
struct Exec: Command {
    static let description = CommandDescription(
        name: "exec", abstract: "Run a command on a host.",
        arguments: [
            .option("host", value: "name", required: true, help: "Where."),
            .repeatable("env", value: "name=value", help: "An environment variable."),
            .passthrough("command", help: "The command and its arguments."),
        ])

    var host: String
    var env: [String]
    var command: [String]

    init(_ arguments: ParsedArguments) throws(UsageError) {
        host = try arguments.required("host")
        env = try arguments.values("env")
        command = try arguments.values("command")
    }
}

struct Remote: Command {
    static let description = CommandDescription(
        name: "remote", abstract: "Manage remotes.", subcommands: [RemoteAdd.self, RemoteList.self, RemoteSecret.self])

    init(_ arguments: ParsedArguments) {}
}

struct RemoteAdd: Command {
    static let description = CommandDescription(
        name: "add", abstract: "Add a remote.",
        arguments: [.positional("name", help: "The remote's name."), .positional("url", required: false, help: "Its URL.")])

    var name: String
    var url: String?

    init(_ arguments: ParsedArguments) throws(UsageError) {
        name = try arguments.required("name")
        url = try arguments.value("url")
    }
}

struct RemoteList: Command {
    static let description = CommandDescription(name: "list", abstract: "List remotes.")

    init(_ arguments: ParsedArguments) {}
}

struct RemoteSecret: Command {
    static let description = CommandDescription(name: "secret", abstract: "Not listed.", isHidden: true)

    init(_ arguments: ParsedArguments) {}
}

/// Parses `words` under `Tool`, expecting a command of type `T` to run.
func parsed<T: Command>(_ words: [String], as type: T.Type = T.self) throws -> T {
    guard case .run(let command) = try CommandLineParser.parse(words, root: Tool.self) else {
        throw UsageError("\(words) did not name a command to run")
    }
    guard let typed = command as? T else { throw UsageError("\(words) ran \(command)") }
    return typed
}

/// The usage error parsing `words` throws, or nil.
func usageError(_ words: [String]) -> UsageError? {
    do {
        _ = try CommandLineParser.parse(words, root: Tool.self)
        return nil
    } catch {
        return error
    }
}
