import FoundationEssentials

/// Prints a value as pretty, key-sorted JSON on standard output, the `--json` form of every command.
func printJSON(_ value: some Encodable) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    let data = try encoder.encode(value)
    print(String(decoding: data, as: UTF8.self))
}

/// A board-file problem in JSON.
struct DiagnosticReport: Encodable {
    var file: String
    var line: Int
    var column: Int
    var key: String
    var message: String
}
