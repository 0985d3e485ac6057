import Arguments

/// An error a user sees: its lines go to standard error as they are, then `kiln` exits with `exitCode`.
struct Failure: Error {
    var lines: [String]
    var exitCode: ExitCode

    init(_ message: String, exitCode: ExitCode = .failure) {
        self.lines = message.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        self.exitCode = exitCode
    }

    init(lines: [String], exitCode: ExitCode = .failure) {
        self.lines = lines
        self.exitCode = exitCode
    }
}

/// Writes lines to standard error.
func printError(_ lines: [String]) {
    StandardStream.write(lines.map { $0 + "\n" }.joined())
}

extension Command {
    /// Runs `body`, turning a `Failure` into its lines on standard error and its exit code.
    func reportingFailures(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let failure as Failure {
            printError(failure.lines)
            throw failure.exitCode
        }
    }
}
