import Boards
import Testing

@Suite struct ByteSizeTests {
    @Test(arguments: [
        ("16MiB", 16 << 20), ("32KiB", 32 << 10), ("0x3F8000", 0x3F8000), ("0x8000", 0x8000), ("4096", 4096),
        ("2GiB", 2 << 30), ("1TiB", 1 << 40), ("512B", 512), ("1_048_576", 1 << 20), ("0", 0),
    ] as [(String, UInt64)])
    func parses(text: String, bytes: UInt64) {
        #expect(ByteSize(parsing: text)?.bytes == bytes)
    }

    @Test(arguments: ["", "16MB", "16M", "1.5GiB", "-1", "0x", "0xZZ", "MiB", "16 MiB MiB", "99999999999TiB", "ten"])
    func rejects(text: String) {
        #expect(ByteSize(parsing: text) == nil)
    }

    @Test func printsTheLargestExactUnit() {
        #expect(ByteSize(16 << 20).description == "16MiB")
        #expect(ByteSize(0x3F0000).description == "4032KiB")
        #expect(ByteSize(16896).description == "16896B")
        #expect(ByteSize(0x3F8000).hex == "0x3F8000")
    }
}
