import Foundation
import ImageBuilder
import KilnTestSupport
import Testing

/// Volumes Kiln writes, checked with dosfstools, mtools, blkid and file.
@Suite struct FATWriterTests {
    static let mtools = ["MTOOLS_SKIP_CHECK": "1"]

    static let sizes: [(UInt64, FATGeometry.Kind)] = [(8, .fat16), (64, .fat32), (256, .fat32)]

    @Test(arguments: sizes)
    func toolsReadWhatKilnWrites(mebibytes: UInt64, kind: FATGeometry.Kind) throws {
        let directory = try TemporaryDirectory(prefix: "kiln-fat")
        defer { directory.remove() }
        let fixture = try FATFixture(size: mebibytes << 20)
        let image = try FATImageFile(path: directory.appending("boot.img"), size: mebibytes << 20)
        let plan = try image.write(fixture.volume(size: mebibytes << 20))
        #expect(plan.geometry.kind == kind)

        let fsck = try Command.run(["fsck.vfat", "-n", "-v", image.path])
        #expect(fsck.status == 0, "\(fsck.stdout)\(fsck.stderr)")
        #expect(fsck.stdout.contains("8192 hidden sectors"))
        let fileCount = fixture.files.count + fixture.directories.count + 1  // fsck counts the root too
        #expect(fsck.stdout.contains("\(fileCount) files"), "\(fsck.stdout)")

        let listed = try Command.output(["mdir", "-i", image.path, "-/", "-b", "::"], environment: Self.mtools)
        let expected = Set(fixture.files.keys.map { "::/\($0)" } + fixture.directories.map { "::/\($0)/" })
        #expect(Set(listed.split(separator: "\n").map(String.init)) == expected)

        let output = try TemporaryDirectory(prefix: "kiln-fat-out")
        defer { output.remove() }
        for (path, bytes) in fixture.files {
            let copy = output.appending(path.replacingOccurrences(of: "/", with: "_"))
            _ = try Command.output(["mcopy", "-n", "-i", image.path, "::/\(path)", copy], environment: Self.mtools)
            #expect(try Self.sha256(copy) == Self.sha256(bytes, in: output), "\(path)")
        }

        let blkid = try Command.output(["blkid", "-p", image.path])
        #expect(blkid.contains(#"LABEL="KILNBOOT""#) && blkid.contains(#"UUID="1234-ABCD""#), "\(blkid)")
        #expect(blkid.contains(#"VERSION="\#(kind.rawValue)""#), "\(blkid)")
        #expect(try Command.output(["fatlabel", image.path]).trimmingCharacters(in: .whitespacesAndNewlines) == "KILNBOOT")
        #expect(try Command.output(["file", "-s", image.path]).contains("serial number 0x1234abcd"))
    }

    /// mdir shows the exact names, with 8.3 lower-case names kept by the case flags instead of long names.
    @Test func mdirShowsExactNames() throws {
        let directory = try TemporaryDirectory(prefix: "kiln-fat")
        defer { directory.remove() }
        let size: UInt64 = 64 << 20
        let image = try FATImageFile(path: directory.appending("boot.img"), size: size)
        try image.write(try FATFixture(size: size).volume(size: size))
        let listing = try Command.output(["mdir", "-i", image.path, "::"], environment: Self.mtools)
        let lines = listing.split(separator: "\n").map { $0.split(separator: " ").joined(separator: " ") }
        #expect(lines.contains("config txt 44 2023-11-14 22:13"), "\(listing)")
        #expect(lines.contains("BOOT SCR 26 2023-11-14 22:13"), "\(listing)")
        #expect(lines.contains { $0.hasPrefix("BCM271~1 DTB") && $0.hasSuffix("bcm2711-rpi-4-b.dtb") }, "\(listing)")
        #expect(lines.contains { $0.hasPrefix("BCM271~2 DTB") && $0.hasSuffix("bcm2711-rpi-400.dtb") }, "\(listing)")
        #expect(lines.contains("README~1 MD 29 2023-11-14 22:13 README.Long-Name.md"), "\(listing)")
    }

    @Test func sameInputsGiveIdenticalBytes() throws {
        let directory = try TemporaryDirectory(prefix: "kiln-fat")
        defer { directory.remove() }
        let size: UInt64 = 64 << 20
        let fixture = try FATFixture(size: size)
        for name in ["a.img", "b.img"] {
            try FATImageFile(path: directory.appending(name), size: size).write(fixture.volume(size: size))
        }
        let first = try Data(contentsOf: URL(fileURLWithPath: directory.appending("a.img")))
        let second = try Data(contentsOf: URL(fileURLWithPath: directory.appending("b.img")))
        #expect(first == second)
    }

    /// Zero sectors are left to the caller's holes: the sink sees little more than the files themselves.
    @Test func skipsZeroSectors() throws {
        let size: UInt64 = 256 << 20
        let fixture = try FATFixture(size: size)
        let plan = try FATPlan(volume: fixture.volume(size: size))
        var written: UInt64 = 0
        var misplaced = 0
        try plan.write { offset, bytes in
            written += UInt64(bytes.count)
            // Every run starts on a sector and with a sector that is not all zero.
            if offset % 512 != 0 || !bytes.prefix(512).contains(where: { $0 != 0 }) { misplaced += 1 }
            #expect(offset + UInt64(bytes.count) <= size)
        }
        let contents = fixture.files.values.reduce(0) { $0 + UInt64($1.count) }
        #expect(misplaced == 0)
        // Contents (less uboot.env's zero tail) plus boot sectors, both FATs' used part and directories.
        #expect(written < contents + 200 * 1024, "wrote \(written) for \(contents) bytes of files")
        #expect(written > contents / 2)
    }

    static func sha256(_ path: String) throws -> String {
        String(try Command.output(["sha256sum", path]).prefix(64))
    }

    static func sha256(_ bytes: [UInt8], in directory: TemporaryDirectory) throws -> String {
        let path = directory.appending("expected")
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try sha256(path)
    }
}
