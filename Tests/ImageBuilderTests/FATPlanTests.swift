import Foundation
import ImageBuilder
import KilnTestSupport
import Testing

/// Planning: geometry as mkfs.fat computes it, and every validation error before a byte is written.
@Suite struct FATPlanTests {
    static let time = FATTimestamp(secondsSinceEpoch: FATFixture.sourceDateEpoch)

    static func volume(_ size: UInt64, _ entries: [FATEntry], label: String = "BOOT") -> FATVolume {
        FATVolume(size: size, label: label, serial: 1, timestamp: time, entries: entries)
    }

    /// mkfs.fat with the same type, cluster size, reserved sectors and root entries (and no alignment)
    /// sizes the FATs and counts the clusters exactly as Kiln does.
    static let mkfsOptions: [(UInt64, [String])] = [
        (8, ["-F", "16", "-s", "2", "-R", "1", "-r", "512"]),
        (64, ["-F", "32", "-s", "1", "-R", "32"]), (256, ["-F", "32", "-s", "1", "-R", "32"]),
        (300, ["-F", "32", "-s", "8", "-R", "32"]),
    ]

    @Test(arguments: mkfsOptions)
    func geometryMatchesMkfsFat(mebibytes: UInt64, options: [String]) throws {
        let directory = try TemporaryDirectory(prefix: "kiln-fat")
        defer { directory.remove() }
        let image = directory.appending("mkfs.img")
        _ = try FATImageFile(path: image, size: mebibytes << 20)
        let report = try Command.output(["mkfs.vfat", "-v", "-a"] + options + [image])
        let geometry = try FATGeometry.forVolume(size: mebibytes << 20)
        #expect(report.contains("FAT size is \(geometry.sectorsPerFAT) sectors, and provides \(geometry.clusterCount) clusters."),
                "\(report)")
    }

    @Test func refusesBadVolumeSizes() {
        #expect(throws: FATError.sizeNotSectorMultiple(size: 1_000_000)) {
            try FATPlan(volume: Self.volume(1_000_000, []))
        }
        #expect(throws: FATError.volumeTooSmall(size: 1 << 20, minimum: 4150 * 512)) {
            try FATPlan(volume: Self.volume(1 << 20, []))
        }
        #expect(throws: Never.self) { try FATPlan(volume: Self.volume(4150 * 512, [])) }
    }

    /// The error names the first file in allocation order that runs past the end, and the bytes all need beyond it.
    @Test func namesTheFileThatDoesNotFit() throws {
        let size: UInt64 = 8 << 20
        let geometry = try FATGeometry.forVolume(size: size)
        let names = ["start.elf", "start4.elf", "start4x.elf", "start_db.elf"]
        let entries = try names.map { FATEntry(path: $0, contents: .file(path: try Artifacts.path("firmware/rpi/\($0)"))) }
        var used: UInt64 = 0, first: String?
        for name in names {
            let bytes = UInt64(try Artifacts.bytes("firmware/rpi/\(name)").count)
            used += (bytes + geometry.clusterSize - 1) / geometry.clusterSize
            if used > UInt64(geometry.clusterCount), first == nil { first = name }
        }
        let over = (used - UInt64(geometry.clusterCount)) * geometry.clusterSize
        #expect(throws: FATError.doesNotFit(file: try #require(first), bytesOver: over)) {
            try FATPlan(volume: Self.volume(size, entries))
        }
    }

    @Test func refusesInvalidNames() {
        let file = FATEntry.Contents.bytes([1])
        let cases: [(String, String)] = [
            ("overlays//x.dtbo", "empty path component"),
            ("bad:name", "':' is not allowed in 'bad:name'"),
            ("tab\there", "control character in 'tab\there'"),
            (String(repeating: "a", count: 256), "'\(String(repeating: "a", count: 256))' is longer than 255 UTF-16 units"),
            ("trailing.", "'trailing.' begins with a space or ends with a dot or space"),
            ("..", "'..' is reserved"),
        ]
        for (path, reason) in cases {
            #expect(throws: FATError.invalidName(path: path, reason: reason)) {
                try FATPlan(volume: Self.volume(8 << 20, [FATEntry(path: path, contents: file)]))
            }
        }
        #expect(throws: Never.self) {
            try FATPlan(volume: Self.volume(8 << 20, [FATEntry(path: String(repeating: "a", count: 255), contents: file)]))
        }
    }

    @Test func refusesDuplicatesAndFilesUsedAsDirectories() {
        let file = FATEntry.Contents.bytes([1])
        #expect(throws: FATError.duplicateName(path: "CONFIG.txt", existing: "config.txt")) {
            try FATPlan(volume: Self.volume(8 << 20, [FATEntry(path: "config.txt", contents: file),
                                                      FATEntry(path: "CONFIG.txt", contents: file)]))
        }
        #expect(throws: FATError.duplicateName(path: "Overlays/b", existing: "overlays")) {
            try FATPlan(volume: Self.volume(8 << 20, [FATEntry(path: "overlays/a", contents: file),
                                                      FATEntry(path: "Overlays/b", contents: file)]))
        }
        #expect(throws: FATError.notADirectory(path: "config.txt/x")) {
            try FATPlan(volume: Self.volume(8 << 20, [FATEntry(path: "config.txt", contents: file),
                                                      FATEntry(path: "config.txt/x", contents: file)]))
        }
        #expect(throws: Never.self) {
            try FATPlan(volume: Self.volume(8 << 20, [FATEntry(path: "overlays/a", contents: file),
                                                      FATEntry(path: "overlays", contents: .directory)]))
        }
    }

    @Test func refusesBadLabelsAndMissingSources() {
        #expect(throws: FATError.invalidLabel(label: "much-too-long", reason: "longer than 11 characters")) {
            try FATPlan(volume: Self.volume(8 << 20, [], label: "much-too-long"))
        }
        #expect(throws: FATError.self) { try FATPlan(volume: Self.volume(8 << 20, [], label: "a.b")) }
        #expect(throws: FATError.source(path: "/nonexistent/start4.elf", errno: ENOENT)) {
            try FATPlan(volume: Self.volume(8 << 20, [FATEntry(path: "start4.elf",
                                                               contents: .file(path: "/nonexistent/start4.elf"))]))
        }
    }

    /// Files are contiguous and in name order, depth-first; short names get `~N` in that order.
    @Test func allocatesContiguouslyInNameOrder() throws {
        let entries = ["b.bin", "a.bin", "dir/long-name-one.txt", "dir/long-name-two.txt"].map {
            FATEntry(path: $0, contents: .bytes([UInt8](repeating: 1, count: 3000)))
        }
        let plan = try FATPlan(volume: Self.volume(64 << 20, entries))
        #expect(plan.items.map(\.path) == ["", "a.bin", "b.bin", "dir", "dir/long-name-one.txt", "dir/long-name-two.txt"])
        #expect(plan.items.map(\.shortName) == ["", "A.BIN", "B.BIN", "DIR", "LONG-N~1.TXT", "LONG-N~2.TXT"])
        #expect(plan.items.map(\.firstCluster) == [2, 3, 9, 15, 16, 22])
        #expect(plan.items.map(\.clusterCount) == [1, 6, 6, 1, 6, 6])
        #expect(plan.nextFreeCluster == 28)
    }

    @Test func timestampsClampToTheFATRange() {
        #expect(FATTimestamp(secondsSinceEpoch: 0) == FATTimestamp(date: 0x21, time: 0))  // 1980-01-01
        // 2023-11-14 22:13:20 UTC.
        #expect(FATTimestamp(secondsSinceEpoch: 1_700_000_000) ==
                FATTimestamp(date: UInt16(43) << 9 | 11 << 5 | 14, time: 22 << 11 | 13 << 5 | 10))
        #expect(FATTimestamp(secondsSinceEpoch: .max) ==
                FATTimestamp(date: UInt16(127) << 9 | 12 << 5 | 31, time: 23 << 11 | 59 << 5 | 29))
    }
}
