import Foundation
import ImageBuilder
import KilnTestSupport
import Testing

/// The reader against volumes mkfs.vfat made and mtools filled, and in-place replacement checked with mtools and fsck.
@Suite struct FATReaderTests {
    static let mtools = ["MTOOLS_SKIP_CHECK": "1"]
    static let kinds: [(UInt64, String, FATGeometry.Kind)] = [(8, "12", .fat12), (64, "16", .fat16), (256, "32", .fat32)]

    @Test(arguments: kinds)
    func readsWhatMtoolsWrote(mebibytes: UInt64, fatSize: String, kind: FATGeometry.Kind) throws {
        let directory = try TemporaryDirectory(prefix: "kiln-fat")
        defer { directory.remove() }
        let path = directory.appending("mkfs.img")
        _ = try FATImageFile(path: path, size: mebibytes << 20)
        _ = try Command.output(["mkfs.vfat", "-F", fatSize, "-n", "MTOOLSVOL", "-i", "C0FFEE42", path])
        let firmware = try Artifacts.path("firmware/rpi/bootcode.bin")
        let text = try directory.write("Mixed Case Long Name.txt", "written by mcopy\n")
        let empty = try directory.write("empty", "")
        let env = directory.appending("uboot.env")
        try Data((0..<16384).map { UInt8(truncatingIfNeeded: $0) }).write(to: URL(fileURLWithPath: env))
        for argv in [["mmd", "-i", path, "::overlays"], ["mcopy", "-i", path, firmware, text, empty, env, "::"],
                     ["mcopy", "-i", path, text, "::overlays/"]] {
            _ = try Command.output(argv, environment: Self.mtools)
        }

        let image = try FATImageFile(existing: path)
        let reader = try FATReader(read: image.read)
        #expect(reader.geometry.kind == kind)
        #expect(reader.label == "MTOOLSVOL")
        #expect(reader.serial == 0xC0FF_EE42)
        let root = try reader.list()
        #expect(Set(root.map(\.name)) == ["overlays", "bootcode.bin", "Mixed Case Long Name.txt", "empty", "uboot.env"])
        #expect(root.first { $0.name == "overlays" }?.isDirectory == true)
        #expect(try reader.list("overlays").map(\.name) == ["Mixed Case Long Name.txt"])
        #expect(try reader.readFile("bootcode.bin") == Artifacts.bytes("firmware/rpi/bootcode.bin"))
        #expect(try reader.readFile("/OVERLAYS/mixed case long name.txt") == Array("written by mcopy\n".utf8))
        #expect(try reader.readFile("empty") == [])
        #expect(throws: FATError.notFound(path: "missing.txt")) { try reader.readFile("missing.txt") }
        #expect(throws: FATError.wrongKind(path: "overlays", expected: "file")) { try reader.readFile("overlays") }
    }

    /// Kiln's own volumes read back through the reader, file by file.
    @Test(arguments: [UInt64(8), 64])
    func readsWhatKilnWrote(mebibytes: UInt64) throws {
        let directory = try TemporaryDirectory(prefix: "kiln-fat")
        defer { directory.remove() }
        let fixture = try FATFixture(size: mebibytes << 20)
        let image = try FATImageFile(path: directory.appending("boot.img"), size: mebibytes << 20)
        try image.write(fixture.volume(size: mebibytes << 20))
        let reader = try FATReader(read: image.read)
        #expect(reader.label == "KILNBOOT")
        #expect(reader.serial == FATFixture.serial)
        for (path, bytes) in fixture.files { #expect(try reader.readFile(path) == bytes, "\(path)") }
        #expect(try reader.list("overlays/deeper").map(\.name) == ["Nested Name With Spaces.txt"])
        #expect(try reader.list("empty-dir").isEmpty)
    }

    /// The OTA updater's path: rewrite uboot.env in place; mtools sees the new bytes and fsck stays clean.
    @Test(arguments: [UInt64(8), 64])
    func replacesUbootEnvInPlace(mebibytes: UInt64) throws {
        let directory = try TemporaryDirectory(prefix: "kiln-fat")
        defer { directory.remove() }
        let image = try FATImageFile(path: directory.appending("boot.img"), size: mebibytes << 20)
        try image.write(try FATFixture(size: mebibytes << 20).volume(size: mebibytes << 20))
        let reader = try FATReader(read: image.read)
        let replacement = (0..<16384).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 1) }
        try reader.replaceFile("uboot.env", with: replacement, write: image.write)

        let copy = directory.appending("uboot.env")
        _ = try Command.output(["mcopy", "-n", "-i", image.path, "::/uboot.env", copy], environment: Self.mtools)
        #expect(try [UInt8](Data(contentsOf: URL(fileURLWithPath: copy))) == replacement)
        let fsck = try Command.run(["fsck.vfat", "-n", image.path])
        #expect(fsck.status == 0, "\(fsck.stdout)\(fsck.stderr)")
        #expect(try reader.readFile("uboot.env") == replacement)
        #expect(throws: FATError.sizeMismatch(path: "uboot.env", current: 16384, replacement: 10)) {
            try reader.replaceFile("uboot.env", with: [UInt8](repeating: 0, count: 10), write: image.write)
        }
    }

    @Test func refusesWhatIsNotFAT() throws {
        let directory = try TemporaryDirectory(prefix: "kiln-fat")
        defer { directory.remove() }
        let image = try FATImageFile(path: directory.appending("zero.img"), size: 1 << 20)
        #expect(throws: FATError.corrupt(reason: "no boot sector signature")) { try FATReader(read: image.read) }
    }
}
