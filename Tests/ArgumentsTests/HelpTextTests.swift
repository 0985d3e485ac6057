import Arguments
import Testing

@Suite struct HelpTextTests {
    func help(_ words: [String]) throws -> String {
        guard case .help(let path) = try CommandLineParser.parse(words, root: Tool.self) else {
            throw UsageError("\(words) did not ask for help")
        }
        return HelpText.render(path)
    }

    @Test func commandHelpHasEverySection() throws {
        let expected = """
            OVERVIEW: Deploy a target to hosts.

            Hosts are tried in order.
            A second paragraph that is long enough to need wrapping at the help text's
            width, which is seventy-nine columns.

            USAGE: tool deploy [--verbose] --target <name> [--retries <retries>] [--speed <speed>] [--epoch <seconds>] [--port <port>] [--tag <tag> ...] [--dry-run] <site> [<hosts> ...]

            ARGUMENTS:
              <site>                  The site.
              <hosts>                 The hosts.

            OPTIONS:
              -v, --verbose           Say more.
              --target <name>         What to deploy.
              --retries <retries>     How often to retry. (default: 3)
              --speed <speed>         How fast. (values: slow, fast)
              --epoch <seconds>       A time.
              --port <port>           A port.
              --tag <tag>             A tag (repeatable).
              --dry-run               Print the plan only.
              -h, --help              Show help information.


            """
        #expect(try help(["deploy", "--help"]) == expected)
    }

    @Test func groupHelpListsVisibleSubcommands() throws {
        let expected = """
            OVERVIEW: Manage remotes.

            USAGE: tool remote <subcommand>

            OPTIONS:
              -h, --help              Show help information.

            SUBCOMMANDS:
              add                     Add a remote.
              list                    List remotes.

              See 'tool help remote <subcommand>' for detailed help.

            """
        #expect(try help(["remote"]) == expected)
        #expect(try help(["help", "remote"]) == expected)
    }

    @Test func rootHelpShowsVersion() throws {
        let text = try help([])
        #expect(text.contains("\n  --version               Show the version.\n  -h, --help"))
        #expect(text.hasSuffix("  See 'tool help <subcommand>' for detailed help.\n"))
    }

    @Test func longLabelsAndLongHelpWrap() {
        let description = CommandDescription(name: "x", abstract: String(repeating: "word ", count: 30), arguments: [
            .option("a-rather-long-option-name", value: "value", help: String(repeating: "help ", count: 20)),
        ])
        let lines = HelpText.render(CommandPath([description])).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.allSatisfy { $0.count <= HelpText.width || $0.hasPrefix("USAGE:") })
        let row = lines.firstIndex { $0.hasPrefix("  --a-rather-long-option-name") }
        #expect(row.map { lines[$0] } == "  --a-rather-long-option-name <value>")
        #expect(row.map { lines[$0 + 1].hasPrefix(String(repeating: " ", count: 26) + "help help") } == true)
    }

    @Test func manyOptionalsCollapseInTheUsageLine() {
        let optionals = (1...11).map { ArgumentDefinition.option("o\($0)", help: "") }
        let description = CommandDescription(name: "x", abstract: "", arguments: optionals + [
            .option("needed", required: true, help: ""), .positional("file", help: ""),
        ])
        #expect(HelpText.usage(CommandPath([description])) == "x [<options>] --needed <needed> <file>")
    }
}
