import Foundation

/// What a finished command left behind.
public struct CommandResult: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String
}

/// Runs external programs: the oracles tests check Kiln against (`dtc`, `nft`, `sfdisk`, ...) and `kiln` itself.
public enum Command {
    /// Runs `argv` (the program is looked up on PATH) to completion, capturing its output.
    ///
    /// Oracles run in UTC with a UTF-8 locale so their listings are stable; `environment` adds to that.
    /// - Parameter stdin: a file to read standard input from (none by default).
    @discardableResult
    public static func run(_ argv: [String], environment: [String: String] = [:],
                           directory: String? = nil, stdin: String? = nil) throws -> CommandResult {
        // env looks the program up, so it sees its own name as argv[0] (tools quote it in messages).
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = argv
        process.environment = ProcessInfo.processInfo.environment
            .merging(["TZ": "UTC", "LC_ALL": "C.UTF-8", "PATH": searchPath]) { $1 }
            .merging(environment) { $1 }
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = try stdin.map { try FileHandle(forReadingFrom: URL(fileURLWithPath: $0)) }
            ?? FileHandle.nullDevice
        try process.run()
        // Read both pipes before waiting, so a chatty command cannot fill one and block.
        let collected = CollectedOutput(errors.fileHandleForReading)
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CommandResult(status: process.terminationStatus,
                             stdout: String(decoding: outputData, as: UTF8.self), stderr: collected.text())
    }

    /// PATH plus the sbin directories where `ip`, `nft` and `sfdisk` live, which a non-login PATH may lack.
    private static var searchPath: String {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return ([path] + ["/usr/sbin", "/sbin"].filter { !path.split(separator: ":").contains(Substring($0)) })
            .joined(separator: ":")
    }

    /// Runs `argv` and returns its standard output; a non-zero exit is an error carrying its standard error.
    @discardableResult
    public static func output(_ argv: [String], environment: [String: String] = [:],
                              directory: String? = nil, stdin: String? = nil) throws -> String {
        let result = try run(argv, environment: environment, directory: directory, stdin: stdin)
        guard result.status == 0 else { throw CommandFailure(argv: argv, result: result) }
        return result.stdout
    }
}

/// A command that exited non-zero.
public struct CommandFailure: Error, CustomStringConvertible {
    public var argv: [String]
    public var result: CommandResult
    public var description: String {
        "\(argv.joined(separator: " ")) exited \(result.status): \(result.stderr)"
    }
}
