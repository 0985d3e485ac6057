import Foundation
import KilnTestSupport
import Testing

/// `kiln router ...` run as a user would, inside fresh network namespaces.
@Suite(.requiresRoot) struct CommandTests {
    /// Runs kiln inside `namespace` with its own state directory.
    static func kiln(_ arguments: [String], in namespace: NetworkNamespace, state: TemporaryDirectory) throws -> CommandResult {
        try Command.run(["ip", "netns", "exec", namespace.name, KilnExecutable.path, "router"] + arguments,
                        environment: ["KILN_ROUTER_STATE": state.path])
    }

    static func ruleset(_ namespace: NetworkNamespace) throws -> String {
        let result = try namespace.exec(["nft", "-j", "list", "ruleset"])
        try #require(result.status == 0, "\(result.stderr)")
        return result.stdout
    }

    @Test func badConfigsNameTheLineAndLeaveTheRulesetByteIdentical() throws {
        try Self.inFreshNamespace { namespace, directory in
            #expect(try namespace.exec(["nft", "add table ip other; add chain ip other c; add rule ip other c counter"]).status == 0)
            let good = try RouterFixtures.write(RouterFixtures.home, in: directory)
            #expect(try Self.kiln(["apply", good], in: namespace, state: directory).status == 0)
            let before = try Self.ruleset(namespace)
            for bad in ConfigTests.badConfigs {
                let path = directory.appending("bad.toml")
                try bad.text.write(toFile: path, atomically: true, encoding: .utf8)
                for command in [["check", path], ["apply", path]] {
                    let result = try Self.kiln(command, in: namespace, state: directory)
                    #expect(result.status != 0, "\(bad.name)")
                    #expect(result.stderr.hasPrefix("bad.toml:\(bad.line): "), "\(bad.name): \(result.stderr)")
                }
            }
            #expect(try Self.ruleset(namespace) == before)
        }
    }

    @Test func kernelRejectionIsReportedAtTheConfigLineAndChangesNothing() throws {
        // Kiln accepts any positive 64-bit rate; the kernel refuses one whose bucket overflows.
        try Self.expectKernelRefuses(
            RouterFixtures.home.replacingOccurrences(of: "limit = \"10/second\"", with: "limit = \"18446744073709551615/second\""),
            at: "router.toml:35: rule 'ping': ", saying: "Value too large")
    }

    @Test func aFlowtableTheKernelRefusesIsReportedAtDefaultsAndChangesNothing() throws {
        // In a fresh namespace the zones' interfaces do not exist, and a flowtable needs its
        // devices (this host's kernel has no flowtables at all): either way the kernel says ENOENT.
        try Self.expectKernelRefuses("[defaults]\nflow-offloading = true\n\n" + RouterFixtures.home,
                                     at: "router.toml:1: flow offloading: ", saying: "flowtable inet kiln ft")
    }

    /// Over the applied home config, `check` and `apply` of `config` (which passes Kiln's own
    /// checks) both fail with the kernel's reason at `prefix`, and the ruleset stays byte-identical.
    static func expectKernelRefuses(_ config: String, at prefix: String, saying reason: String) throws {
        try withHomeApplied { namespace, directory, _ in
            let before = try ruleset(namespace)
            let path = try RouterFixtures.write(config, in: directory)
            for command in ["check", "apply"] {
                let result = try kiln([command, path], in: namespace, state: directory)
                #expect(result.status != 0)
                #expect(result.stderr.hasPrefix(prefix), "\(result.stderr)")
                #expect(result.stderr.contains(reason), "\(result.stderr)")
            }
            #expect(try ruleset(namespace) == before)
        }
    }

    /// Runs `body` in a fresh namespace where the home config is applied, with the state
    /// directory and the comments of `input_wan` (its rule identities) at that point.
    static func withHomeApplied(_ body: (NetworkNamespace, TemporaryDirectory, [String]) throws -> Void) throws {
        try inFreshNamespace { namespace, directory in
            let first = try RouterFixtures.write(RouterFixtures.home, in: directory)
            #expect(try kiln(["apply", first], in: namespace, state: directory).status == 0)
            try body(namespace, directory, try KilnRuleset(in: namespace).comments(in: "input_wan"))
        }
    }

    /// Runs `body` in a fresh network namespace with a fresh state directory; removes both after.
    static func inFreshNamespace(_ body: (NetworkNamespace, TemporaryDirectory) throws -> Void) throws {
        let namespace = try NetworkNamespace(prefix: "kiln-router")
        defer { try? namespace.remove() }
        let directory = try TemporaryDirectory(prefix: "kiln-router")
        defer { directory.remove() }
        try body(namespace, directory)
    }

    /// The home config with the ping rule's limit at `rate` per second, written beside the others.
    static func homeWithPingLimit(_ rate: Int, in directory: TemporaryDirectory) throws -> String {
        let path = directory.appending("ping-\(rate).toml")
        try RouterFixtures.home.replacingOccurrences(of: "limit = \"10/second\"", with: "limit = \"\(rate)/second\"")
            .write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// The `--confirm` window of these tests. What must fall inside it (the check after the apply,
    /// the `confirm`) is a few process starts, which a CI machine busy with QEMU guests can stretch
    /// to seconds: the window leaves room for that.
    static let confirmWindow = 8

    /// Waits (bounded, not a fixed time) until `input_wan` holds `comments`: the rollback timer
    /// runs in its own session.
    static func inputWAN(of namespace: NetworkNamespace, becomes comments: [String]) throws -> Bool {
        for _ in 0..<(confirmWindow + 20) * 10 {
            if try KilnRuleset(in: namespace).comments(in: "input_wan") == comments { return true }
            usleep(100_000)
        }
        return false
    }

    @Test func unconfirmedApplyRestoresThePreviousStateAndConfirmedStays() throws {
        try Self.withHomeApplied { namespace, directory, before in
            let second = try Self.homeWithPingLimit(99, in: directory)
            let apply = try Self.kiln(["apply", second, "--confirm", "\(Self.confirmWindow)"], in: namespace, state: directory)
            #expect(apply.status == 0, "\(apply.stderr)")
            #expect(try KilnRuleset(in: namespace).comments(in: "input_wan") != before)
            #expect(try Self.inputWAN(of: namespace, becomes: before))

            #expect(try Self.kiln(["apply", second, "--confirm", "\(Self.confirmWindow)"], in: namespace, state: directory).status == 0)
            let confirmed = try Self.kiln(["confirm"], in: namespace, state: directory)
            #expect(confirmed.status == 0, "\(confirmed.stderr)")
            let after = try KilnRuleset(in: namespace).comments(in: "input_wan")
            sleep(UInt32(Self.confirmWindow + 1))  // past the window: the timer has found the apply confirmed
            #expect(try KilnRuleset(in: namespace).comments(in: "input_wan") == after)
            #expect(after != before)
        }
    }

    @Test func secondUnconfirmedApplyKeepsTheEarliestStateToRestore() throws {
        try Self.withHomeApplied { namespace, directory, known in
            var middle: [String] = []
            for rate in [77, 99] {
                let apply = try Self.kiln(["apply", try Self.homeWithPingLimit(rate, in: directory), "--confirm", "\(Self.confirmWindow)"],
                                          in: namespace, state: directory)
                #expect(apply.status == 0, "\(apply.stderr)")
                if middle.isEmpty { middle = try KilnRuleset(in: namespace).comments(in: "input_wan") }
            }
            #expect(middle != known)
            // Both timers fire; the state before the first unconfirmed apply comes back, not the middle one.
            #expect(try Self.inputWAN(of: namespace, becomes: known))
            sleep(1)
            #expect(try KilnRuleset(in: namespace).comments(in: "input_wan") == known)
        }
    }

    @Test func unconfirmedFirstApplyRemovesKilnsTableAndNothingElse() throws {
        try Self.inFreshNamespace { namespace, directory in
            #expect(try namespace.exec(["nft", "add table ip other; add chain ip other c; add rule ip other c counter"]).status == 0)
            let before = try Self.ruleset(namespace)
            let config = try RouterFixtures.write(RouterFixtures.home, in: directory)
            let apply = try Self.kiln(["apply", config, "--confirm", "\(Self.confirmWindow)"], in: namespace, state: directory)
            #expect(apply.status == 0, "\(apply.stderr)")
            #expect(try namespace.exec(["nft", "list", "table", "inet", "kiln"]).status == 0)
            // There was no table before: the timer removes Kiln's (and says so), and the ruleset is as it was.
            let logPath = directory.appending("rollback.log")
            var log = ""
            for _ in 0..<(Self.confirmWindow + 20) * 10 where !log.contains("\n") {
                usleep(100_000)
                log = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
            }
            #expect(log.contains("not confirmed in time; removed table inet kiln (there was none before)"), "\(log)")
            #expect(try Self.ruleset(namespace) == before)
        }
    }

    @Test func flushRemovesOnlyKilnsTable() throws {
        try Self.inFreshNamespace { namespace, directory in
            #expect(try namespace.exec(["nft", "add table inet other; add set inet other s { type ipv4_addr; }"]).status == 0)
            let foreign = try namespace.exec(["nft", "-j", "list", "table", "inet", "other"]).stdout
            #expect(try Self.kiln(["apply", try RouterFixtures.write(RouterFixtures.home, in: directory)], in: namespace, state: directory).status == 0)
            let show = try Self.kiln(["show", "--json"], in: namespace, state: directory)
            #expect(show.status == 0)
            #expect(show.stdout.contains("\"name\" : \"block-listed\""))
            #expect(try Self.kiln(["flush"], in: namespace, state: directory).stdout == "removed table inet kiln\n")
            #expect(try namespace.exec(["nft", "list", "tables"]).stdout == "table inet other\n")
            #expect(try namespace.exec(["nft", "-j", "list", "table", "inet", "other"]).stdout == foreign)
        }
    }
}
