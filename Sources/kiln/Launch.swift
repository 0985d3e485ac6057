import Arguments

/// Parses the command line, then shows help, the version or a usage error, or runs the command.
enum Launch {
    /// What `words` ask for, done; returns the status to exit with.
    static func run(_ words: [String], root: any Command.Type) -> ExitCode {
        let invocation: Invocation
        do {
            invocation = try CommandLineParser.parse(words, root: root)
        } catch {
            printError(usageLines(error, root: root))
            return .usage
        }
        switch invocation {
        case .version(let version):
            print(version)
        case .help(let path):
            print(HelpText.render(path), terminator: "")
        case .run(let command):
            return run(command)
        }
        return .success
    }

    private static func run(_ command: any Command) -> ExitCode {
        do {
            try command.run()
            return .success
        } catch let code as ExitCode {
            return code
        } catch let failure as Failure {
            printError(failure.lines)
            return failure.exitCode
        } catch {
            printError(["Error: \(error)"])
            return .failure
        }
    }

    /// `Error:`, the usage line, and where to read more, as ArgumentParser shows them.
    static func usageLines(_ error: UsageError, root: any Command.Type) -> [String] {
        let path = error.path ?? CommandPath([root.description])
        return ["Error: \(error.message)",
                "Usage: \(HelpText.usage(path))",
                "  See '\(path.commandLine) --help' for more information."]
    }
}
