import Testing
import TOML

/// Positions of keys, values and tables: what Kiln's `FILE:LINE:COL: key.path:` messages rely on.
@Suite struct PositionTests {
    private func at(_ line: Int, _ column: Int) -> SourcePosition {
        SourcePosition(line: line, column: column)
    }

    @Test func plainAndQuotedKeys() throws {
        let root = try TOMLDocument.parse("title = \"x\"\n  \"quoted key\"\t=\t'v'\n")
        let title = try #require(root.entry("title"))
        #expect(title.keyPosition == at(1, 1))
        #expect(title.node.position == at(1, 9))
        let quoted = try #require(root.entry("quoted key"))
        #expect(quoted.keyPosition == at(2, 3))
        #expect(quoted.node.position == at(2, 18))
        #expect(root.position == at(1, 1))
    }

    @Test func dottedKeysPointAtTheirOwnSegment() throws {
        let root = try TOMLDocument.parse("x = 0\ndob . year = 1979\ndob.month = 5\n")
        let dob = try #require(root.entry("dob"))
        #expect(dob.keyPosition == at(2, 1))
        #expect(dob.node.position == at(2, 1))
        guard case .table(let table) = dob.node.value else { throw Failure("dob is not a table") }
        #expect(table.entry("year")?.keyPosition == at(2, 7))
        #expect(table.entry("year")?.node.position == at(2, 14))
        #expect(table.entry("month")?.keyPosition == at(3, 5))
    }

    @Test func headersAndImplicitSuperTables() throws {
        let root = try TOMLDocument.parse("[a.b.c]\nk = 1\n\n[ a ]\nm = 2\n[x.y]\n")
        let a = try #require(root.entry("a"))
        // `[ a ]` defines the table that `[a.b.c]` only implied, so both positions move there.
        #expect(a.keyPosition == at(4, 3))
        #expect(a.node.position == at(4, 1))
        let aTable = try table(a.node)
        #expect(aTable.position == at(4, 1))
        let b = try #require(aTable.entry("b"))
        #expect(b.keyPosition == at(1, 4))
        #expect(b.node.position == at(1, 4))
        let c = try #require(try table(b.node).entry("c"))
        #expect(c.keyPosition == at(1, 6))
        #expect(c.node.position == at(1, 1))
        #expect(try table(c.node).entry("k")?.keyPosition == at(2, 1))
        #expect(root.entry("x")?.keyPosition == at(6, 2))
    }

    @Test func arraysOfTablesAreAtTheirHeaders() throws {
        let root = try TOMLDocument.parse("[[products]]\nname = \"Hammer\"\n\n  [[products]]\nname = \"Nail\"\n")
        let products = try #require(root.entry("products"))
        #expect(products.keyPosition == at(1, 3))
        #expect(products.node.position == at(1, 1))
        guard case .array(let elements) = products.node.value else { throw Failure("not an array") }
        #expect(elements.map(\.position) == [at(1, 1), at(4, 3)])
        #expect(try table(elements[1]).position == at(4, 3))
        #expect(try table(elements[1]).entry("name")?.node.position == at(5, 8))
    }

    @Test func inlineTablesAndArrays() throws {
        let root = try TOMLDocument.parse("point = { x = 1, y.z = [\n  10,\n    20 ] }\n")
        let point = try #require(root["point"])
        #expect(point.position == at(1, 9))
        let inline = try table(point)
        #expect(inline.position == at(1, 9))
        #expect(inline.entry("x")?.keyPosition == at(1, 11))
        #expect(inline.entry("x")?.node.position == at(1, 15))
        let y = try table(try #require(inline["y"]))
        #expect(y.entry("z")?.keyPosition == at(1, 20))
        guard case .array(let numbers)? = y["z"]?.value else { throw Failure("z is not an array") }
        #expect(numbers.map(\.position) == [at(2, 3), at(3, 5)])
    }

    @Test func multilineStringsShiftLaterLines() throws {
        let text = "s = \"\"\"\nline1\r\nline2\"\"\"\nt = '''a\n\nb'''\nafter = 1\n"
        let root = try TOMLDocument.parse(text)
        #expect(root["s"]?.position == at(1, 5))
        #expect(root.entry("t")?.keyPosition == at(4, 1))
        #expect(root.entry("after")?.keyPosition == at(7, 1))
        #expect(root["after"]?.position == at(7, 9))
    }

    @Test func columnsCountUnicodeScalars() throws {
        let root = try TOMLDocument.parse("\"日本\" = \"é😀\"\nk = 1\n")
        #expect(root["日本"]?.position == at(1, 8))
        let row = try TOMLDocument.parse("a = [\"😀\", \"é\", 3] # 😀\n")
        guard case .array(let items)? = row["a"]?.value else { throw Failure("a is not an array") }
        #expect(items.map(\.position) == [at(1, 6), at(1, 11), at(1, 16)])
    }

    @Test func everyElementOfALongLineHasItsColumn() throws {
        let items = (0..<2000).map { "\"é\($0)\"" }
        let root = try TOMLDocument.parse("list = [" + items.joined(separator: ", ") + "]")
        guard case .array(let nodes)? = root["list"]?.value else { throw Failure("list is not an array") }
        var column = 9
        for (node, item) in zip(nodes, items) {
            #expect(node.position == at(1, column))
            column += item.unicodeScalars.count + 2
        }
    }

    private func table(_ node: TOMLNode) throws -> TOMLTable {
        guard case .table(let table) = node.value else { throw Failure("expected a table at \(node.position)") }
        return table
    }
}
