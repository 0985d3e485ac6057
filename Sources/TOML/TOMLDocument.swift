/// Entry point for reading TOML 1.0 documents.
public enum TOMLDocument {
    /// Parses a whole document into its root table, recording the position of every key and value.
    /// Throws `TOMLSyntaxError` for anything TOML 1.0 rejects, including redefined keys and tables
    /// and integers outside the 64-bit range.
    public static func parse(_ text: String) throws(TOMLSyntaxError) -> TOMLTable {
        let bytes = Array(text.utf8)
        // The parser reads through a buffer pointer: unoptimised (debug) builds otherwise spend
        // most of their time retaining the array and checking its metadata on every byte.
        return try bytes.withUnsafeBufferPointer { (buffer) throws(TOMLSyntaxError) -> TOMLTable in
            var parser = Parser(buffer)
            return try parser.parseDocument()
        }
    }
}
