import Testing
import TOML

/// The table API Kiln's config readers use: order, lookup, exact keys.
@Suite struct TOMLTableTests {
    @Test func keysKeepDocumentOrder() throws {
        let root = try TOMLDocument.parse("zeta = 1\nalpha = 2\n[mid]\n[[arr]]\nb.c = 3\n")
        #expect(root.keys == ["zeta", "alpha", "mid", "arr"])
        #expect(root["alpha"]?.value == .integer(2))
        #expect(root["missing"] == nil)
        #expect(root["mid"]?.value.kindName == "table")
    }

    @Test func lookupComparesUnicodeScalarsExactly() throws {
        let root = try TOMLDocument.parse("\"\u{E9}\" = 1\n\"e\\u0301\" = 2\n")
        #expect(root.keys.count == 2)
        #expect(root["\u{E9}"]?.value == .integer(1))
        #expect(root["e\u{301}"]?.value == .integer(2))
    }

    @Test func replacingEntriesUpdatesLookup() throws {
        var table = try TOMLDocument.parse("a = 1\n")
        table.entries.append(TOMLEntry(
            key: "b", keyPosition: .start, node: TOMLNode(value: .boolean(true), position: .start)))
        #expect(table["b"]?.value == .boolean(true))
        #expect(table.keys == ["a", "b"])
    }

    @Test func valuesKeepTheirKindsAndLiterals() throws {
        let root = try TOMLDocument.parse("s = 'x'\ni = -0\n")
        #expect(root["s"]?.value == .string("x"))
        #expect(root["i"]?.value == .integer(0))
        let dates = try TOMLDocument.parse("""
            o = 1979-05-27 07:32:00.5z
            l = 1979-05-27t07:32:00
            d = 1979-05-27
            t = 07:32:00.123456789
            """)
        #expect(dates["o"]?.value == .offsetDateTime("1979-05-27 07:32:00.5z"))
        #expect(dates["l"]?.value == .localDateTime("1979-05-27t07:32:00"))
        #expect(dates["d"]?.value == .localDate("1979-05-27"))
        #expect(dates["t"]?.value == .localTime("07:32:00.123456789"))
    }
}
