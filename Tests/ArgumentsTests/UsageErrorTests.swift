import Arguments
import Testing

/// Each way words can fail to fit, with the message that names the word and the command it is about.
@Suite struct UsageErrorTests {
    func expect(_ words: [String], _ message: String, at path: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let error = usageError(words)
        #expect(error?.message == message, "\(words)", sourceLocation: sourceLocation)
        #expect(error?.path?.commandLine == path, "\(words)", sourceLocation: sourceLocation)
    }

    @Test func unknownOption() {
        expect(["deploy", "x", "--target", "t", "--bogus"], "Unknown option '--bogus'", at: "tool deploy")
        expect(["deploy", "x", "--target", "t", "-q"], "Unknown option '-q'", at: "tool deploy")
        expect(["deploy", "x", "--target", "t", "-vv"], "Unknown option '-vv'", at: "tool deploy")
        expect(["--bogus"], "Unknown option '--bogus'", at: "tool")
    }

    @Test func missingValue() {
        expect(["deploy", "x", "--target"], "Missing value for '--target <name>'", at: "tool deploy")
        expect(["deploy", "x", "--target", "--dry-run"], "Missing value for '--target <name>'", at: "tool deploy")
        expect(["deploy", "x", "--target", "t", "--tag"], "Missing value for '--tag <tag>'", at: "tool deploy")
        expect(["deploy", "x", "--target", "t", "--epoch", "-5"], "Missing value for '--epoch <seconds>'", at: "tool deploy")
    }

    @Test func missingRequired() {
        expect(["deploy", "x"], "Missing required option '--target <name>'", at: "tool deploy")
        expect(["deploy", "--target", "t"], "Missing expected argument '<site>'", at: "tool deploy")
        expect(["remote", "add"], "Missing expected argument '<name>'", at: "tool remote add")
        expect(["exec", "ls"], "Missing required option '--host <name>'", at: "tool exec")
    }

    @Test func unexpectedArgument() {
        expect(["remote", "add", "a", "b", "c"], "Unexpected argument 'c'", at: "tool remote add")
        expect(["remote", "list", "x"], "Unexpected argument 'x'", at: "tool remote list")
    }

    @Test func flagWithValue() {
        expect(["deploy", "x", "--target", "t", "--dry-run=yes"], "The flag '--dry-run' takes no value", at: "tool deploy")
    }

    @Test func unknownSubcommandListsTheVisibleOnes() {
        expect(["frob"], "Unknown subcommand 'frob'; expected one of: deploy, exec, remote", at: "tool")
        expect(["remote", "frob"], "Unknown subcommand 'frob'; expected one of: add, list", at: "tool remote")
        expect(["help", "remote", "frob"], "Unknown subcommand 'frob'; expected one of: add, list", at: "tool remote")
    }

    @Test func typedConversionNamesOptionAndValue() {
        expect(["deploy", "x", "--target", "t", "--retries", "many"],
               "The value 'many' is invalid for '--retries <retries>': expected an integer", at: "tool deploy")
        expect(["deploy", "x", "--target", "t", "--port", "70000"],
               "The value '70000' is invalid for '--port <port>': expected an integer from 0 to 65535", at: "tool deploy")
        expect(["deploy", "x", "--target", "t", "--speed=warp"],
               "The value 'warp' is invalid for '--speed <speed>': expected one of slow, fast", at: "tool deploy")
        expect(["deploy", "x", "--target", "t", "--epoch", "1e9"],
               "The value '1e9' is invalid for '--epoch <seconds>': expected an integer", at: "tool deploy")
    }

    @Test func validationFailure() {
        expect(["deploy", "x", "--target", "t", "--retries=-1"], "--retries cannot be negative", at: "tool deploy")
    }
}
