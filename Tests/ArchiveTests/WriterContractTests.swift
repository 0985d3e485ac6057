import Archive
import Foundation
import KilnTestSupport
import Testing

/// The writer refuses, with a typed error, what libarchive would silently pad, cut or drop.
@Suite struct WriterContractTests {
    static let file = ArchiveEntry(path: "etc/hostname", kind: .regular, permissions: 0o644, size: 5)

    @Test func shortDataIsAnErrorNotZeroPadding() throws {
        let scratch = try TemporaryDirectory(prefix: "kiln-archive")
        defer { scratch.remove() }
        let path = scratch.appending("a.tar")
        let writer = try ArchiveWriter(path: path, format: .pax)
        try writer.writeHeader(Self.file)
        try writer.writeData(Array("ki".utf8))
        #expect(throws: ArchiveError.invalidEntry(
            archive: path, entry: "etc/hostname", reason: "3 bytes of declared data missing")) {
            try writer.finish()
        }
    }

    @Test func dataPastTheDeclaredSizeIsAnError() throws {
        let scratch = try TemporaryDirectory(prefix: "kiln-archive")
        defer { scratch.remove() }
        let path = scratch.appending("a.tar")
        let writer = try ArchiveWriter(path: path, format: .pax)
        #expect(throws: ArchiveError.invalidEntry(
            archive: path, entry: "etc/hostname", reason: "data runs 1 bytes past the declared size")) {
            try writer.write(Self.file, data: Array("kiln\n!".utf8))
        }
    }

    @Test func streamingHeaderThenChunksEqualsOneShot() throws {
        let scratch = try TemporaryDirectory(prefix: "kiln-archive")
        defer { scratch.remove() }
        let streamed = scratch.appending("streamed.tar")
        let writer = try ArchiveWriter(path: streamed, format: .ustar)
        try writer.writeHeader(Self.file)
        for chunk in ["ki", "ln", "\n"] { try writer.writeData(Array(chunk.utf8)) }
        try writer.finish()
        try writer.finish()  // a second finish is harmless
        let oneShot = scratch.appending("one-shot.tar")
        let other = try ArchiveWriter(path: oneShot, format: .ustar)
        try other.write(Self.file, data: Array("kiln\n".utf8))
        try other.finish()
        let same = try Data(contentsOf: URL(fileURLWithPath: streamed)) == Data(contentsOf: URL(fileURLWithPath: oneShot))
        #expect(same)
        #expect(throws: ArchiveError.misuse(archive: streamed, reason: "header written after finish()")) {
            try writer.writeHeader(Self.file)
        }
    }

    @Test func formatsWithoutXattrsRefuseThem() throws {
        let scratch = try TemporaryDirectory(prefix: "kiln-archive")
        defer { scratch.remove() }
        for format in [ArchiveFormat.ustar, .gnutar] {
            let path = scratch.appending("\(format).tar")
            let writer = try ArchiveWriter(path: path, format: format)
            var entry = Self.file
            entry.xattrs = [.init(name: "user.kiln", value: [1])]
            #expect(throws: ArchiveError.invalidEntry(
                archive: path, entry: entry.path, reason: "\(format) cannot store extended attributes; use .pax")) {
                try writer.write(entry, data: Array("kiln\n".utf8))
            }
        }
    }

    @Test func dataWithoutHeaderAndBadOutputPathAreTypedErrors() throws {
        let scratch = try TemporaryDirectory(prefix: "kiln-archive")
        defer { scratch.remove() }
        let path = scratch.appending("a.tar")
        let writer = try ArchiveWriter(path: path, format: .pax)
        #expect(throws: ArchiveError.misuse(archive: path, reason: "data written with no entry started")) {
            try writer.writeData([1, 2, 3])
        }
        let nowhere = scratch.appending("no/such/dir/a.tar")
        let error = #expect(throws: ArchiveError.self) { _ = try ArchiveWriter(path: nowhere, format: .pax) }
        guard case let .library(_, archive, _, _, code) = error else {
            Issue.record("expected a libarchive error, got \(String(describing: error))")
            return
        }
        #expect(archive == nowhere)
        #expect(code == ENOENT)
    }
}
