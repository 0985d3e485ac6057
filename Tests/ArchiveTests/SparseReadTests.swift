import Archive
import Foundation
import KilnTestSupport
import Testing

/// Sparse files archived by GNU tar (the oracle) keep their holes through `readDataBlocks`.
@Suite struct SparseReadTests {
    static let size = 8 << 20
    static let dataOffset = 4 << 20
    static let payload: [UInt8] = (0..<(64 << 10)).map { UInt8(truncatingIfNeeded: $0 % 251 + 1) }

    /// A file of `size` bytes with `payload` at `dataOffset` and holes around it, archived by
    /// `tar --sparse` (in `format`, or GNU tar's default); returns the tar and the file.
    static func sparseTar(in scratch: TemporaryDirectory, format: String?) throws -> (tar: String, image: String) {
        try Data(payload).write(to: URL(fileURLWithPath: scratch.appending("payload")))
        let image = scratch.appending("sparse.img")
        _ = try Command.output(["truncate", "-s", "\(size)", image])
        _ = try Command.output([
            "dd", "if=" + scratch.appending("payload"), "of=" + image, "bs=4096",
            "seek=\(dataOffset / 4096)", "conv=notrunc", "status=none",
        ])
        let tar = scratch.appending("sparse.tar")
        let formatOption = format.map { ["--format=" + $0] } ?? []
        _ = try Command.output(["tar", "--sparse"] + formatOption + ["-cf", tar, "-C", scratch.path, "sparse.img"])
        return (tar, image)
    }

    /// GNU tar's old GNU sparse headers and the pax GNU.sparse 1.0 scheme.
    @Test(arguments: ["gnu", "pax"])
    func blocksSkipTheHoles(format: String) throws {
        let scratch = try TemporaryDirectory(prefix: "kiln-archive")
        defer { scratch.remove() }
        let (path, _) = try Self.sparseTar(in: scratch, format: format)

        let reader = try ArchiveReader(path: path)
        let entry = try #require(try reader.next())
        #expect(entry.normalizedPath == "sparse.img")
        #expect(entry.size == Int64(Self.size))
        var blocks: [(offset: Int64, bytes: [UInt8])] = []
        try reader.readDataBlocks { offset, bytes in
            if !bytes.isEmpty { blocks.append((offset, Array(bytes))) }
        }
        let first = try #require(blocks.first)
        #expect(first.offset == Int64(Self.dataOffset), "the leading 4 MiB hole is skipped")
        #expect(blocks.reduce(0) { $0 + $1.bytes.count } == Self.payload.count, "only the data is delivered")
        #expect(blocks.flatMap(\.bytes) == Self.payload)
        #expect(try reader.next() == nil)
    }

    @Test func readAllDataFillsHolesWithZeros() throws {
        let scratch = try TemporaryDirectory(prefix: "kiln-archive")
        defer { scratch.remove() }
        let (path, image) = try Self.sparseTar(in: scratch, format: nil)

        let reader = try ArchiveReader(path: path)
        _ = try #require(try reader.next())
        let data = try reader.readAllData()
        let expected = try Data(contentsOf: URL(fileURLWithPath: image))
        let same = data == Array(expected)
        #expect(same)
        #expect(data.count == Self.size, "the trailing hole is filled too")
    }
}
