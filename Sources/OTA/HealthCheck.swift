import FoundationEssentials
import Glibc
import Spawn

/// The checks a freshly booted system must pass before it is marked good: every executable in a directory,
/// run in name order, each must exit 0, all within one deadline.
public struct HealthCheck: Sendable {
    public struct Outcome: Sendable, Encodable {
        public var check: String
        public var passed: Bool
        /// Exit status, or why it did not run to the end.
        public var detail: String
    }

    public let directory: String
    public let timeout: TimeInterval

    public init(directory: String, timeout: TimeInterval) {
        self.directory = directory
        self.timeout = timeout
    }

    /// Runs every check; stops at the first failure or when the deadline passes (that check is killed).
    /// A missing directory means no checks: coming up at all is the test.
    public func run() -> [Outcome] {
        guard let names = try? LocalFile.entries(directory) else { return [] }
        let deadline = Date().addingTimeInterval(timeout)
        var outcomes: [Outcome] = []
        for name in names {
            let path = "\(directory)/\(name)"
            guard !LocalFile.isDirectory(path), access(path, X_OK) == 0 else { continue }
            let outcome = run(path, name: name, until: deadline)
            outcomes.append(outcome)
            if !outcome.passed { break }
        }
        return outcomes
    }

    private func run(_ path: String, name: String, until deadline: Date) -> Outcome {
        let process: ChildProcess
        let finished: Termination?
        do {
            process = try ChildProcess(path)
            finished = try process.wait(seconds: max(0, deadline.timeIntervalSinceNow))
        } catch {
            return Outcome(check: name, passed: false, detail: "cannot run: \(error)")
        }
        guard let termination = finished else {
            process.signal(SIGKILL)
            _ = try? process.wait()  // reaps it; it was killed either way
            return Outcome(check: name, passed: false, detail: "did not finish within the \(Int(timeout)) s deadline")
        }
        switch termination {
        case .signaled(let signal): return Outcome(check: name, passed: false, detail: "killed by signal \(signal)")
        case .exited(let status): return Outcome(check: name, passed: status == 0, detail: "exit status \(status)")
        }
    }
}
