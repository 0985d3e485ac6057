import KilnTestSupport
import Testing

/// The `kiln` binary reports usage errors as ArgumentParser did: three lines on stderr, exit status 64.
@Suite struct KilnUsageTests {
    @Test func usageErrorsExit64WithUsageOnStandardError() throws {
        let cases: [([String], String, String)] = [
            (["router", "apply"], "Error: Missing expected argument '<config>'", "router apply"),
            (["router", "apply", "a", "b"], "Error: Unexpected argument 'b'", "router apply"),
            (["router", "apply", "a", "--confirm", "0"], "Error: --confirm needs at least 1 second", "router apply"),
            (["router", "apply", "a", "--confirm", "x"],
             "Error: The value 'x' is invalid for '--confirm <confirm>': expected an integer", "router apply"),
            (["image", "build", "--bogus"], "Error: Unknown option '--bogus'", "image build"),
            (["frob"], "Error: Unknown subcommand 'frob'; expected one of: boards, image, key, bundle, ota, router, emu, rootfs", ""),
        ]
        for (arguments, message, path) in cases {
            let result = try KilnExecutable.run(arguments)
            let lines = result.stderr.split(separator: "\n").map(String.init)
            #expect(result.status == 64, "\(arguments)")
            #expect(result.stdout.isEmpty, "\(arguments)")
            #expect(lines.count == 3, "\(arguments): \(result.stderr)")
            #expect(lines.first == message, "\(arguments)")
            #expect(lines.dropFirst().first?.hasPrefix("Usage: kiln \(path)") == true, "\(arguments)")
            let command = path.isEmpty ? "kiln" : "kiln \(path)"
            #expect(lines.last == "  See '\(command) --help' for more information.", "\(arguments)")
        }
    }

    @Test func helpGoesToStandardOutput() throws {
        let flag = try KilnExecutable.run(["router", "apply", "--help"])
        let word = try KilnExecutable.run(["help", "router", "apply"])
        #expect(flag.status == 0 && word.status == 0)
        #expect(flag.stderr.isEmpty)
        #expect(flag.stdout == word.stdout)
        #expect(flag.stdout.hasPrefix("OVERVIEW: Apply a router config;"))
        #expect(flag.stdout.contains("\nUSAGE: kiln router apply <config> [--confirm <confirm>]\n\nARGUMENTS:\n  <config>"))
        let root = try KilnExecutable.run([])
        #expect(root.status == 0 && root.stdout.contains("SUBCOMMANDS:\n  boards "))
        #expect(!root.stdout.contains("rollback"), "hidden commands are not listed")
    }
}
