import Boards
import Foundation
import ImageBuilder
import KilnTestSupport

/// Builds the images the disk tests check: a board's partition table plus a marker block at each partition start.
enum DiskImageFixture {
    static let boardNames = ["nanopi-r2s", "qemu-aarch64", "rpi3", "rpi4"]
    static let epoch: UInt64 = 1_700_000_000

    static func board(_ name: String) throws -> Board {
        try BoardFile.load(contentsOf: "\(Repository.boards)/\(name).toml")
    }

    /// The board `name`, its partition table for `name.img`, and the image written into `directory`.
    static func image(of name: String, in directory: TemporaryDirectory) throws -> (Board, any PartitionTable, String) {
        let board = try Self.board(name)
        let table = try board.partitionTable(imageName: "\(name).img", sourceDateEpoch: epoch)
        let path = directory.appending("\(name).img")
        try write(table, to: path)
        return (board, table, path)
    }

    /// A 4 KiB block of `byte`, distinct per partition so a copy that mixes them up shows.
    static func marker(_ byte: UInt8) -> [UInt8] { [UInt8](repeating: byte, count: 4096) }

    /// Writes `table` and the markers to `path` and commits it; returns the block map made before committing.
    @discardableResult
    static func write(_ table: any PartitionTable, to path: String) throws -> BlockMap {
        let image = try ImageFile(path: path, size: table.imageSize)
        try image.write(table.writes())
        for entry in table.partitions {
            try image.write(marker(UInt8(0xA0 + entry.number)), at: entry.firstSector * table.sectorSize)
        }
        let map = try BlockMap(scanning: image)
        try image.commit()
        return map
    }

    /// `sfdisk --json`'s `partitiontable` object.
    static func sfdisk(_ path: String) throws -> [String: Any] {
        let json = try Command.output(["sfdisk", "--json", path])
        let root = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        return root?["partitiontable"] as? [String: Any] ?? [:]
    }

    /// `KEY=value` lines, as `blkid -o export` and `partx -P` print them, into a dictionary.
    static func pairs(_ text: Substring) -> [String: String] {
        var result: [String: String] = [:]
        for field in text.split(whereSeparator: { $0 == "\n" || $0 == " " }) {
            guard let equals = field.firstIndex(of: "=") else { continue }
            result[String(field[..<equals])] = String(field[field.index(after: equals)...]).trimmingCharacters(in: ["\""])
        }
        return result
    }
}
