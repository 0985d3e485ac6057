import Foundation
import KilnTestSupport
import Testing

/// `kiln router daemon`: reloads on file change and SIGHUP, keeps the last good state, leaves
/// the ruleset in place on SIGTERM.
@Suite(.requiresRoot) struct DaemonTests {
    /// Polls `condition` every 100 ms, up to 30 s; bounded waiting, not a timing assertion.
    static func eventually(_ condition: () throws -> Bool) rethrows -> Bool {
        for _ in 0..<300 {
            if try condition() { return true }
            usleep(100_000)
        }
        return try condition()
    }

    @Test func keepsLastGoodStateReloadsAndLeavesTheRulesetOnTERM() throws {
        try CommandTests.inFreshNamespace { namespace, directory in
            let config = try RouterFixtures.write(RouterFixtures.home, in: directory)
            let log = directory.appending("daemon.log")
            try Data().write(to: URL(fileURLWithPath: log))
            let daemon = Process()
            daemon.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            daemon.arguments = ["ip", "netns", "exec", namespace.name, KilnExecutable.path, "router", "daemon", "--config", config]
            daemon.environment = ["PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "KILN_ROUTER_STATE": directory.appending("state")]
            daemon.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
            try daemon.run()
            defer { if daemon.isRunning { kill(daemon.processIdentifier, SIGKILL) } }
            let logText = { (try? String(contentsOfFile: log, encoding: .utf8)) ?? "" }

            #expect(Self.eventually { logText().contains("watching") })
            let good = try KilnRuleset(in: namespace).comments(in: "input_wan")
            let before = try CommandTests.ruleset(namespace)

            // A bad config (written in place) is refused with its line; the ruleset stays.
            try RouterFixtures.home.replacingOccurrences(of: "port = 8080", with: "port = 80800")
                .write(toFile: config, atomically: false, encoding: .utf8)
            #expect(Self.eventually { logText().contains("router.toml:21: port-forwards[0].port") })
            #expect(logText().contains("kept the last good ruleset"))
            #expect(try CommandTests.ruleset(namespace) == before)

            // A good config moved into place is applied.
            try RouterFixtures.home.replacingOccurrences(of: "limit = \"10/second\"", with: "limit = \"30/second\"")
                .write(toFile: config, atomically: true, encoding: .utf8)
            #expect(try Self.eventually { try KilnRuleset(in: namespace).comments(in: "input_wan") != good })

            // SIGHUP re-applies (nothing to change now).
            kill(daemon.processIdentifier, SIGHUP)
            #expect(Self.eventually { logText().contains("SIGHUP: applied") })

            kill(daemon.processIdentifier, SIGTERM)
            #expect(Self.eventually { !daemon.isRunning })
            if daemon.isRunning { kill(daemon.processIdentifier, SIGKILL) }
            daemon.waitUntilExit()
            #expect(daemon.terminationStatus == 0)
            #expect(try KilnRuleset(in: namespace).comments(in: "input_wan").count == 3)
        }
    }
}
