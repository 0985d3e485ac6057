import Foundation

/// The `kiln` executable `swift test` built beside the test bundle, run as a user would.
public enum KilnExecutable {
    public static var path: String {
        let bundle = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var directory = (bundle as NSString).deletingLastPathComponent
        while directory != "/" {
            let candidate = "\(directory)/kiln"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            directory = (directory as NSString).deletingLastPathComponent
        }
        return "kiln"
    }

    /// Runs `kiln arguments...`; `environment` adds to (and overrides) the test's own.
    public static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> CommandResult {
        try Command.run([path] + arguments, environment: environment)
    }
}
