import Foundation
import ImageBuilder
import KilnTestSupport
import Testing

/// The sparse, atomically committed output file, checked with `stat`, `du` and the directory listing.
@Suite struct ImageFileTests {
    /// (allocated bytes, apparent size) as `stat` reports them.
    static func usage(_ path: String) throws -> (allocated: UInt64, apparent: UInt64) {
        let fields = try Command.output(["stat", "-c", "%b %B %s", path]).split(separator: " ")
            .compactMap { UInt64($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        try #require(fields.count == 3)
        return (fields[0] * fields[1], fields[2])
    }

    @Test func zeroBlocksStayHoles() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.appending("sparse.img")
        let image = try ImageFile(path: path, size: 1 << 30)
        try image.write([UInt8](repeating: 0, count: 64 << 20), at: 0)       // 64 MiB of zeros: nothing
        var mixed = [UInt8](repeating: 0, count: 3 * 4096)
        mixed[4096 + 17] = 1                                                   // one non-zero block in three
        try image.write(mixed, at: 512 << 20)
        try image.write([7, 7, 7], at: (1 << 30) - 3)                          // the very end
        try image.commit()

        let (allocated, apparent) = try Self.usage(path)
        #expect(apparent == 1 << 30)
        #expect(allocated <= 64 * 1024, "allocated \(allocated) bytes")
        let du = try Command.output(["du", "--block-size=1", path]).split(separator: "\t").first.flatMap { UInt64($0) }
        #expect(du == allocated)
        // Only the written blocks are data, as the kernel sees it.
        let extents = try Command.output(["filefrag", "-v", path])
        #expect(extents.contains("2 extents found") || extents.contains("2 extent found"), "\(extents)")
        let bytes = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
        defer { try? bytes.close() }
        try bytes.seek(toOffset: (512 << 20) + 4096 + 17)
        #expect(try bytes.read(upToCount: 1) == Data([1]))
        #expect(try directory.contents() == ["sparse.img"])
    }

    @Test func nothingAppearsAtThePathUntilCommit() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.appending("out.img")
        let image = try ImageFile(path: path, size: 1 << 20)
        try image.write([1, 2, 3], at: 0)
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(image.temporaryPath.hasPrefix(directory.path + "/.out.img."))
        #expect(FileManager.default.fileExists(atPath: image.temporaryPath))
        try image.commit()
        #expect(try directory.contents() == ["out.img"])
        let mode = try Command.output(["stat", "-c", "%a", path]).trimmingCharacters(in: .newlines)
        #expect(mode == "644")
    }

    @Test func aFailedBuildLeavesNothingBehind() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.appending("out.img")
        func build() throws {
            let image = try ImageFile(path: path, size: 1 << 20)
            try image.write([1], at: 0)
            try image.write([1, 2], at: (1 << 20) - 1)   // one byte past the end
            try image.commit()
        }
        #expect(throws: ImageBuildError.writeOutOfBounds(path: path, offset: (1 << 20) - 1, length: 2, size: 1 << 20)) {
            try build()
        }
        #expect(try directory.contents().isEmpty)
    }

    @Test func aMissingDirectoryIsReportedWithThePathAndErrno() throws {
        #expect(throws: ImageBuildError.io(operation: "create a temporary file beside it",
                                           path: "/nonexistent-kiln/out.img", errno: ENOENT)) {
            try ImageFile(path: "/nonexistent-kiln/out.img", size: 4096)
        }
    }

    /// A full filesystem mid-write: the error says so, and neither the image nor its temporary file remains.
    @Test(.requiresRoot) func diskFullLeavesNothingBehind() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let mountPoint = directory.appending("small")
        try FileManager.default.createDirectory(atPath: mountPoint, withIntermediateDirectories: false)
        _ = try Command.output(["mount", "-t", "tmpfs", "-o", "size=1m", "kiln-test", mountPoint])
        defer { _ = try? Command.run(["umount", mountPoint]) }
        let path = "\(mountPoint)/full.img"
        var failure: ImageBuildError?
        do {
            let image = try ImageFile(path: path, size: 64 << 20)     // holes: fits
            try image.write([UInt8](repeating: 0x5A, count: 4 << 20), at: 1 << 20)
            try image.commit()
        } catch {
            failure = error
        }
        let error = try #require(failure)
        #expect(error == .diskFull(path: path, errno: ENOSPC))
        #expect(error.description.contains("disk full") && error.description.contains(path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: mountPoint).isEmpty)
    }
}
