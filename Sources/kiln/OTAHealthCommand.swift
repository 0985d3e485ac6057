import Arguments
import FoundationEssentials
import OTA
import Spawn

/// `kiln ota health`: run the health checks after boot, then mark the booted slot good, or bad (and reboot).
struct OTAHealthCommand: Command {
    static let description = CommandDescription(
        name: "health", abstract: "Run /etc/kiln/health.d/* and mark the booted slot good, or bad.",
        discussion: "Every executable in the health directory must exit 0 within the timeout (system.toml [health]).",
        arguments: SystemOptions.arguments + [
            .flag("reboot", help: "Reboot after marking the slot bad (what kiln-health.service does)."),
            .flag("json", help: "Print JSON."),
        ])

    var options: SystemOptions
    var reboot: Bool
    var json: Bool

    init(_ arguments: ParsedArguments) throws(UsageError) {
        options = try SystemOptions(arguments)
        reboot = arguments.flag("reboot")
        json = arguments.flag("json")
    }

    func run() throws {
        try reportingFailures {
            let system = try options.system()
            let health = system.configuration.health
            let outcomes = HealthCheck(directory: health.directory, timeout: TimeInterval(health.timeout)).run()
            let passed = outcomes.allSatisfy(\.passed)
            try ota { () throws(OTAError) in
                if passed { try system.markGood() } else { try system.markBad(.booted) }
            }
            if json {
                try printJSON(HealthReport(slot: system.booted, passed: passed, checks: outcomes))
            } else {
                for outcome in outcomes { print("\(outcome.passed ? "pass" : "FAIL") \(outcome.check): \(outcome.detail)") }
                print("slot \(system.booted) marked \(passed ? "good" : "bad")")
            }
            guard passed else {
                if reboot { try Self.rebootNow() }
                throw ExitCode.failure
            }
        }
    }

    private static func rebootNow() throws {
        let termination: Termination
        do { termination = try ChildProcess("/bin/systemctl", arguments: ["reboot"]).wait() } catch { throw Failure("\(error)") }
        guard termination.succeeded else { throw Failure("systemctl reboot \(termination)") }
    }
}

struct HealthReport: Encodable {
    var slot: String
    var passed: Bool
    var checks: [HealthCheck.Outcome]
}
