import Foundation
import ImageBuilder
import KilnTestSupport
import Testing

/// Block maps checked by bmaptool itself: it flashes with them, verifying every checksum.
@Suite struct BlockMapTests {
    /// Writes the R2S partition table, the markers and a few megabytes of data, then the image and its bmap.
    static func build(in directory: TemporaryDirectory) throws -> (image: String, bmap: String, map: BlockMap) {
        let board = try DiskImageFixture.board("nanopi-r2s")
        let table = try board.partitionTable(imageName: "r2s.img", sourceDateEpoch: DiskImageFixture.epoch)
        let image = directory.appending("r2s.img"), bmap = directory.appending("r2s.bmap")
        let file = try ImageFile(path: image, size: table.imageSize)
        try file.write(table.writes())
        for entry in table.partitions {
            try file.write(DiskImageFixture.marker(UInt8(0xA0 + entry.number)), at: entry.firstSector * 512)
        }
        let data = (0..<(3 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 13) }
        try file.write(data, at: (100 << 20) + 512)   // unaligned: touches a partial block at each end
        let map = try BlockMap(scanning: file)
        try file.commit()
        try map.write(to: bmap)
        return (image, bmap, map)
    }

    @Test func bmaptoolCopiesTheImageExactly() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let (image, bmap, map) = try Self.build(in: directory)
        #expect(map.blocksCount == (2 << 30) / 4096)
        #expect(map.mappedBlocksCount < 1024 + 16, "\(map.mappedBlocksCount) blocks mapped")
        let destination = directory.appending("card.img")
        _ = try Command.output(["bmaptool", "copy", "--bmap", bmap, image, destination])
        #expect(try Command.run(["cmp", image, destination]).status == 0)
    }

    /// bmaptool's own map of the same file names the same blocks with the same checksums.
    @Test func bmaptoolCreateAgrees() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let (image, bmap, _) = try Self.build(in: directory)
        let theirs = directory.appending("theirs.bmap")
        _ = try Command.output(["bmaptool", "create", "-o", theirs, image])
        let ours = try String(contentsOfFile: bmap, encoding: .utf8)
        let reference = try String(contentsOfFile: theirs, encoding: .utf8)
        for tag in ["ImageSize", "BlockSize", "BlocksCount", "MappedBlocksCount", "ChecksumType"] {
            #expect(Self.element(tag, in: ours) == Self.element(tag, in: reference), "\(tag)")
        }
        #expect(Self.ranges(in: ours) == Self.ranges(in: reference))
    }

    @Test func aCorruptedMappedBlockFailsTheCopy() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let (image, bmap, map) = try Self.build(in: directory)
        let block = try #require(map.ranges.last).first
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: image))
        try handle.seek(toOffset: block * 4096 + 100)
        try handle.write(contentsOf: Data([0xFF, 0x00, 0xFF]))
        try handle.close()
        let result = try Command.run(["bmaptool", "copy", "--bmap", bmap, image, directory.appending("card.img")])
        #expect(result.status != 0)
        #expect(result.stderr.contains("checksum mismatch"), "\(result.stderr)")
    }

    @Test func aCorruptedBmapIsRejected() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let (image, bmap, _) = try Self.build(in: directory)
        var text = try String(contentsOfFile: bmap, encoding: .utf8)
        text = text.replacingOccurrences(of: "<BlockSize> 4096 </BlockSize>", with: "<BlockSize>  4096 </BlockSize>")
        try text.write(toFile: bmap, atomically: false, encoding: .utf8)
        let result = try Command.run(["bmaptool", "copy", "--bmap", bmap, image, directory.appending("card.img")])
        #expect(result.status != 0)
        #expect(result.stderr.contains("checksum"), "\(result.stderr)")
    }

    static func element(_ tag: String, in xml: String) -> String? {
        // The element's own opening tag is the last one before its closing tag; bmaptool's comments mention some.
        guard let close = xml.range(of: "</\(tag)>"),
              let open = xml.range(of: "<\(tag)>", options: .backwards, range: xml.startIndex..<close.lowerBound)
        else { return nil }
        return xml[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
    }

    /// Each `<Range chksum="…"> a-b </Range>` as "a-b sha".
    static func ranges(in xml: String) -> [String] {
        xml.split(separator: "\n").filter { $0.contains("<Range ") }.map { line in
            let checksum = line.split(separator: "\"")[1]
            let blocks = line.split(separator: ">")[1].split(separator: "<")[0].trimmingCharacters(in: .whitespaces)
            return "\(blocks) \(checksum)"
        }
    }
}
