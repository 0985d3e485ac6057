import Boards
import Foundation
import ImageBuilder
import KilnTestSupport
import Testing

/// Each shipped board's partition table, written by Kiln and read back by util-linux and gdisk.
@Suite struct PartitionTableTests {
    @Test(arguments: DiskImageFixture.boardNames)
    func sfdiskReadsTheLayoutKilnPlanned(name: String) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let (board, table, path) = try DiskImageFixture.image(of: name, in: directory)

        let listed = try DiskImageFixture.sfdisk(path)
        #expect(listed["label"] as? String == board.storage.partitionTable.rawValue.replacingOccurrences(of: "mbr", with: "dos"))
        #expect(listed["id"] as? String == table.diskIdentifier)
        #expect((listed["sectorsize"] as? Int).map(UInt64.init) == board.storage.sectorSize)
        let partitions = try #require(listed["partitions"] as? [[String: Any]])
        try #require(partitions.count == board.partitions.count)
        for (index, (listed, partition)) in zip(partitions, board.partitions).enumerated() {
            let sector = board.storage.sectorSize
            #expect((listed["start"] as? Int).map(UInt64.init) == partition.offset.bytes / sector)
            #expect((listed["size"] as? Int).map(UInt64.init) == partition.size.bytes / sector)
            switch board.storage.partitionTable {
            case .gpt:
                #expect(listed["type"] as? String == GPT.type(of: partition.filesystem).description.uppercased())
                #expect(listed["name"] as? String == partition.name)
                #expect((listed["uuid"] as? String)?.lowercased() == table.partUUID(ofPartition: index + 1))
                #expect((listed["attrs"] as? String == "LegacyBIOSBootable") == (partition.role == .boot))
            case .mbr:
                #expect(listed["type"] as? String == String(MBR.type(of: partition.filesystem), radix: 16))
                #expect((listed["bootable"] as? Bool ?? false) == (partition.role == .boot))
            }
        }
    }

    /// libblkid (what the kernel's PARTUUID= matching mirrors) reports the PARTUUIDs Kiln exposes.
    @Test(arguments: DiskImageFixture.boardNames)
    func blkidReportsTheExposedPartUUIDs(name: String) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let (board, table, path) = try DiskImageFixture.image(of: name, in: directory)

        let disk = DiskImageFixture.pairs(Substring(try Command.output(["blkid", "-p", "-o", "export", path])))
        #expect(disk["PTTYPE"] == (board.storage.partitionTable == .gpt ? "gpt" : "dos"))
        let expectedDiskID = table.diskIdentifier.lowercased().replacingOccurrences(of: "0x", with: "")
        #expect(disk["PTUUID"] == expectedDiskID)
        let rows = try Command.output(["partx", "-P", "-o", "NR,UUID", path]).split(separator: "\n")
        let uuids = rows.map(DiskImageFixture.pairs)
        #expect(uuids.count == board.partitions.count)
        for row in uuids {
            let number = try #require(row["NR"].flatMap { Int($0) })
            #expect(row["UUID"] == table.partUUID(ofPartition: number))
        }
        if board.storage.partitionTable == .mbr {
            #expect(table.partUUID(named: "rootfs-b") == String(format: "%08x-03", (table as? MBR)?.signature ?? 0))
        }
    }

    @Test(arguments: ["nanopi-r2s", "qemu-aarch64"])
    func gdiskFindsNoProblems(name: String) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let (_, _, path) = try DiskImageFixture.image(of: name, in: directory)
        let report = try Command.output(["sgdisk", "-v", path])
        #expect(report.contains("No problems found"), "\(report)")
        #expect(!report.contains("Warning") && !report.contains("Problem:"), "\(report)")
        let info = try Command.output(["sgdisk", "-i", "1", path])
        #expect(info.contains("Partition name: 'boot'"), "\(info)")
        #expect(info.contains("Microsoft basic data"), "\(info)")
    }

    @Test func sameInputsGiveTheSameBytesAndAnotherDateOtherIdentifiers() throws {
        let board = try DiskImageFixture.board("nanopi-r2s")
        let first = try board.partitionTable(imageName: "r2s.img", sourceDateEpoch: 1_700_000_000)
        let again = try board.partitionTable(imageName: "r2s.img", sourceDateEpoch: 1_700_000_000)
        let later = try board.partitionTable(imageName: "r2s.img", sourceDateEpoch: 1_700_000_001)
        let renamed = try board.partitionTable(imageName: "other.img", sourceDateEpoch: 1_700_000_000)
        #expect(first.writes() == again.writes())
        #expect(first.diskIdentifier != later.diskIdentifier)
        #expect(first.diskIdentifier != renamed.diskIdentifier)
        let partUUIDs = { (table: any PartitionTable) in table.partitions.map { table.partUUID(ofPartition: $0.number) } }
        #expect(Set(partUUIDs(first)).isDisjoint(with: partUUIDs(later)))
        #expect(Set(partUUIDs(first)).count == board.partitions.count)

        // Written twice to disk, the files are identical too.
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try DiskImageFixture.write(first, to: directory.appending("a.img"))
        try DiskImageFixture.write(again, to: directory.appending("b.img"))
        #expect(try Command.run(["cmp", directory.appending("a.img"), directory.appending("b.img")]).status == 0)

        let rpi = try DiskImageFixture.board("rpi4")
        let mbr = try rpi.partitionTable(imageName: "pi.img", sourceDateEpoch: 1)
        #expect(mbr.diskIdentifier != (try rpi.partitionTable(imageName: "pi.img", sourceDateEpoch: 2)).diskIdentifier)
    }

    @Test func callersCanPinTheIdentifiers() throws {
        let board = try DiskImageFixture.board("qemu-aarch64")
        let guids = (1...4).map { GUID("5b5b5b5b-000\($0)-4000-8000-00000000000\($0)")! }
        let identity = DiskIdentity(diskGUID: try #require(GUID("5B5B5B5B-0000-4000-8000-000000000000")),
                                    partitionGUIDs: guids, mbrSignature: 0x5B5B_0001)
        let table = try board.partitionTable(imageName: "x", sourceDateEpoch: 0, identity: identity)
        #expect(table.diskIdentifier == "5B5B5B5B-0000-4000-8000-000000000000")
        #expect(table.partUUID(named: "rootfs-b") == "5b5b5b5b-0003-4000-8000-000000000003")
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.appending("pinned.img")
        try DiskImageFixture.write(table, to: path)
        #expect(try Command.output(["sfdisk", "--part-uuid", path, "3"]).trimmingCharacters(in: .whitespacesAndNewlines)
            == "5B5B5B5B-0003-4000-8000-000000000003")

        var pi = try DiskImageFixture.board("rpi3")
        pi.storage.imageSize = ByteSize(2 << 30)
        let mbr = try pi.partitionTable(imageName: "x", sourceDateEpoch: 0, identity: identity)
        #expect(mbr.diskIdentifier == "0x5b5b0001")
        #expect(mbr.partUUID(ofPartition: 2) == "5b5b0001-02")
        #expect(mbr.partUUID(ofPartition: 5) == nil)
    }

    @Test func layoutsTheFormatCannotHoldAreRefusedBeforeWriting() throws {
        let board = try DiskImageFixture.board("nanopi-r2s")
        // The partitions end at 16 + 64 + 2×768 + 256 MiB; the backup GPT needs room after them.
        let tooSmall = UInt64(1872) << 20
        #expect(throws: ImageBuildError.self) {
            try board.partitionTable(imageName: "x", sourceDateEpoch: 0, imageSize: tooSmall)
        }
        #expect(throws: ImageBuildError.self) {
            try board.partitionTable(imageName: "x", sourceDateEpoch: 0, imageSize: (2 << 30) + 100)
        }
        var five = try DiskImageFixture.board("rpi3")
        var extra = five.partitions[3]
        extra.name = "extra"
        extra.offset = ByteSize(extra.offset.bytes + extra.size.bytes)
        five.partitions.append(extra)
        #expect {
            try five.partitionTable(imageName: "x", sourceDateEpoch: 0, imageSize: 4 << 30)
        } throws: { error in
            (error as? ImageBuildError)?.description.contains("4 primary partitions") == true
        }
        // Bigger images are fine: the backup GPT moves to the new end.
        let big = try board.partitionTable(imageName: "x", sourceDateEpoch: 0, imageSize: 8 << 30)
        #expect(big.writes().last?.offset == (8 << 30) - 512)
    }
}
