import Foundation

/// Python's `tomllib`, run once over all fixtures by `Fixtures/tomllib_oracle.py`.
enum TomllibOracle {
    enum Outcome: Sendable {
        case value(Canonical)
        case error(String)
    }

    struct Failure: Error, Sendable, CustomStringConvertible {
        let description: String
    }

    /// What tomllib made of each fixture, keyed by names such as `valid/arrays.toml`.
    static let outcomes: Result<[String: Outcome], Failure> = run(on: Fixture.directory)

    /// Runs the oracle over `directory/*/*.toml`.
    static func run(on directory: URL) -> Result<[String: Outcome], Failure> {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        let script = Fixture.directory.appendingPathComponent("tomllib_oracle.py").path
        process.arguments = ["python3", script, directory.path]
        let output = Pipe()
        process.standardOutput = output
        do {
            try process.run()
        } catch {
            return .failure(Failure(description: "cannot run python3: \(error)"))
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            return .failure(Failure(description: "tomllib_oracle.py exited with \(process.terminationStatus)"))
        }
        guard let json = try? JSONSerialization.jsonObject(with: data) as? [String: [String: Any]] else {
            return .failure(Failure(description: "tomllib_oracle.py printed no JSON object"))
        }
        var outcomes: [String: Outcome] = [:]
        for (name, result) in json {
            if let message = result["error"] as? String {
                outcomes[name] = .error(message)
            } else if let value = result["value"].flatMap(Canonical.init(json:)) {
                outcomes[name] = .value(value)
            } else {
                return .failure(Failure(description: "unreadable oracle output for \(name)"))
            }
        }
        return .success(outcomes)
    }
}
