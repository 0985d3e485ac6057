import Testing
import TOML

/// Error messages and positions: what a user sees when a config is not valid TOML.
@Suite struct SyntaxErrorTests {
    private func failure(_ text: String) -> TOMLSyntaxError? {
        do {
            _ = try TOMLDocument.parse(text)
            return nil
        } catch {
            return error
        }
    }

    @Test(arguments: [
        ("a = 1\n\n  a = 2\n", 3, 3, "duplicate key 'a' (first defined at 1:1)"),
        ("[t]\nx.y = 1\nx.y = 2\n", 3, 3, "duplicate key 'x.y' (first defined at 2:3)"),
        ("key value\n", 1, 5, "expected '=' after key, found 'v'"),
        ("s = \"a\\qb\"\n", 1, 7, "invalid escape '\\q'"),
        ("n = 9223372036854775808\n", 1, 5, "integer out of range"),
        ("n = -0x1\n", 1, 5, "hexadecimal, octal and binary integers cannot have a sign"),
        ("[a]\n[a]\n", 2, 2, "table 'a' already defined at 1:1"),
        ("[[a]]\n[a]\n", 2, 2, "'a' is already an array of tables (defined at 1:1)"),
        ("a = {x = 1}\na.y = 2\n", 2, 1, "cannot extend inline table 'a' (defined at 1:1)"),
        ("a = [1]\n[[a]]\n", 2, 3, "cannot extend static array 'a' (defined at 1:1)"),
        ("a = 1\n[a.b]\n", 2, 2, "'a' is already an integer (defined at 1:1)"),
        ("[fruit]\napple.color = 1\n[fruit.apple]\n", 3, 8,
         "table 'fruit.apple' already defined by dotted keys at 2:1"),
        ("d = 2023-02-29\n", 1, 13, "day must be between 1 and 28"),
        ("s = \"tab\tok, bell\u{07} not\"\n", 1, 18, "control character U+0007 in string"),
        ("# comment\u{7F}\n", 1, 10, "control character U+007F in comment"),
        ("a = 1\rb = 2\n", 1, 6, "carriage return not followed by line feed"),
        ("t = {a = 1,}\n", 1, 12, "trailing comma not allowed in inline table"),
        ("\u{FEFF}a = 1\n", 1, 1, "expected a key, found byte order mark U+FEFF"),
        ("é = 1\n", 1, 1, "expected a key, found 'é'"),
        ("s = \"\"\"\nabc\n", 1, 5, "unterminated multi-line string"),
        ("\"é\" = 1\n\"é\" = 2 x\n", 2, 1, "duplicate key '\"é\"' (first defined at 1:1)"),
    ])
    func reportsWhatAndWhere(_ text: String, _ line: Int, _ column: Int, _ message: String) throws {
        let error = try #require(failure(text))
        #expect(error.message == message)
        #expect(error.position == SourcePosition(line: line, column: column))
        #expect(error.description == "\(line):\(column): \(message)")
    }

    @Test func deepNestingIsAnErrorNotACrash() throws {
        let depth = 10_000
        let error = try #require(failure("a = " + String(repeating: "[", count: depth)))
        #expect(error.message == "arrays and inline tables nested more than 128 deep")
        let inline = try #require(failure("a = " + String(repeating: "{b = ", count: depth)))
        #expect(inline.message == "arrays and inline tables nested more than 128 deep")
        let key = Array(repeating: "k", count: depth).joined(separator: ".")
        #expect(failure("[\(key)]\n")?.message == "key has more than 128 parts")
    }

    @Test func nestingUpToTheLimitParses() throws {
        let text = "a = " + String(repeating: "[", count: 128) + String(repeating: "]", count: 128)
        var value = try #require(try TOMLDocument.parse(text)["a"]?.value)
        var levels = 0
        while case .array(let items) = value {
            levels += 1
            guard let first = items.first else { break }
            value = first.value
        }
        #expect(levels == 128)
    }
}
