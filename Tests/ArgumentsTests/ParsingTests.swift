import Arguments
import Testing

@Suite struct ParsingTests {
    @Test func optionsInBothForms() throws {
        let spaced = try parsed(["deploy", "--target", "web", "--retries", "5", "north"], as: Deploy.self)
        let joined = try parsed(["deploy", "--target=web", "--retries=5", "north"], as: Deploy.self)
        for deploy in [spaced, joined] {
            #expect(deploy.target == "web")
            #expect(deploy.retries == 5)
            #expect(deploy.site == "north")
        }
        #expect(try parsed(["deploy", "--target=a=b", "x"], as: Deploy.self).target == "a=b")
        #expect(try parsed(["deploy", "--target=", "x"], as: Deploy.self).target == "")
    }

    @Test func defaultsAndAbsentOptionals() throws {
        let deploy = try parsed(["deploy", "north", "--target", "web"], as: Deploy.self)
        #expect(deploy.retries == 3)
        #expect(deploy.speed == nil && deploy.epoch == nil && deploy.port == nil)
        #expect(deploy.tags.isEmpty && deploy.hosts.isEmpty)
        #expect(!deploy.dryRun && !deploy.verbosity.verbose)
    }

    @Test func aLaterOptionWins() throws {
        #expect(try parsed(["deploy", "--target", "a", "--target", "b", "x"], as: Deploy.self).target == "b")
    }

    @Test func flagsLongAndShort() throws {
        let deploy = try parsed(["deploy", "-v", "--dry-run", "--target", "t", "x"], as: Deploy.self)
        #expect(deploy.verbosity.verbose && deploy.dryRun)
        #expect(try parsed(["deploy", "--verbose", "--target", "t", "x"], as: Deploy.self).verbosity.verbose)
    }

    @Test func repeatableOptionsKeepTheirOrder() throws {
        let deploy = try parsed(["deploy", "--tag", "b", "x", "--target", "t", "--tag=a", "--tag", "c"], as: Deploy.self)
        #expect(deploy.tags == ["b", "a", "c"])
    }

    @Test func positionalsFillInOrderThenRepeat() throws {
        let deploy = try parsed(["deploy", "north", "h1", "--target", "t", "h2", "-", "h3"], as: Deploy.self)
        #expect(deploy.site == "north")
        #expect(deploy.hosts == ["h1", "h2", "-", "h3"])
        let add = try parsed(["remote", "add", "origin"], as: RemoteAdd.self)
        #expect(add.name == "origin" && add.url == nil)
        #expect(try parsed(["remote", "add", "origin", "https://x"], as: RemoteAdd.self).url == "https://x")
    }

    @Test func doubleDashEndsOptions() throws {
        let deploy = try parsed(["deploy", "--target", "t", "--", "--site-like", "-v", "--"], as: Deploy.self)
        #expect(deploy.site == "--site-like")
        #expect(deploy.hosts == ["-v", "--"])
        #expect(!deploy.verbosity.verbose)
    }

    @Test func passthroughTakesTheRestUntouched() throws {
        let afterDashes = try parsed(["exec", "--host", "h", "--", "ls", "-l", "--host", "x"], as: Exec.self)
        #expect(afterDashes.host == "h")
        #expect(afterDashes.command == ["ls", "-l", "--host", "x"])
        let atFirstWord = try parsed(["exec", "--env", "A=1", "--host", "h", "sh", "-c", "exit 3", "--"], as: Exec.self)
        #expect(atFirstWord.env == ["A=1"])
        #expect(atFirstWord.command == ["sh", "-c", "exit 3", "--"])
        let atUnknownOption = try parsed(["exec", "--host", "h", "-x", "--help"], as: Exec.self)
        #expect(atUnknownOption.command == ["-x", "--help"])
        #expect(try parsed(["exec", "--host", "h", "--", "--", "a"], as: Exec.self).command == ["--", "a"])
        #expect(try parsed(["exec", "--host", "h"], as: Exec.self).command.isEmpty)
        #expect(try parsed(["exec", "--host", "h", "--"], as: Exec.self).command.isEmpty)
    }

    @Test func typedConversions() throws {
        let deploy = try parsed(["deploy", "x", "--target", "t", "--speed", "fast", "--port=65535",
                                 "--retries", "+0"], as: Deploy.self)
        #expect(deploy.speed == .fast)
        #expect(deploy.port == 65535)
        #expect(deploy.retries == 0)
        // A negative number needs the `=` form: `--epoch -5` reads -5 as an option (see UsageErrorTests).
        #expect(try parsed(["deploy", "x", "--target", "t", "--epoch=-5"], as: Deploy.self).epoch == -5)
    }

    @Test func subcommandsDispatchAndGroupsShowHelp() throws {
        // parsed(_:as:) throws unless the words dispatch to that command type.
        #expect(throws: Never.self) { try parsed(["remote", "list"], as: RemoteList.self) }
        #expect(throws: Never.self) { try parsed(["remote", "secret"], as: RemoteSecret.self) }
        guard case .help(let path) = try CommandLineParser.parse(["remote"], root: Tool.self) else {
            Issue.record("a group alone shows its help"); return
        }
        #expect(path.commandLine == "tool remote")
        guard case .help(let root) = try CommandLineParser.parse([], root: Tool.self) else {
            Issue.record("no words show the root's help"); return
        }
        #expect(root.commandLine == "tool")
    }

    @Test func helpAtEveryLevel() throws {
        for (words, expected) in [(["--help"], "tool"), (["-h"], "tool"), (["remote", "-h"], "tool remote"),
                                  (["remote", "add", "--help"], "tool remote add"),
                                  (["deploy", "--target", "t", "-h", "--bogus"], "tool deploy"),
                                  (["help"], "tool"), (["help", "remote", "add"], "tool remote add")] {
            guard case .help(let path) = try CommandLineParser.parse(words, root: Tool.self) else {
                Issue.record("\(words) did not ask for help"); continue
            }
            #expect(path.commandLine == expected, "\(words)")
        }
    }

    @Test func versionAtTheRoot() throws {
        guard case .version(let version) = try CommandLineParser.parse(["--version"], root: Tool.self) else {
            Issue.record("--version"); return
        }
        #expect(version == "1.2.3")
        #expect(usageError(["remote", "--version"])?.message == "Unknown option '--version'")
    }
}
