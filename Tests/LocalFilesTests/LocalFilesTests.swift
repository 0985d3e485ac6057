import CLocalFiles
import Glibc
import LocalFiles
import Testing

/// Whole-file reads, atomic replacement, and reading in pieces, against files on disk.
@Suite struct LocalFilesTests {
    /// A fresh directory, removed with its files when `body` returns.
    private func withDirectory(_ body: (String) throws -> Void) throws {
        var template = Array("/tmp/kiln-localfiles.XXXXXX".utf8CString)
        let directory = try #require(template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }.map { String(cString: $0) })
        defer {
            for name in (try? LocalFiles.entries(directory)) ?? [] { unlink("\(directory)/\(name)") }
            rmdir(directory)
        }
        try body(directory)
    }

    /// The lines `readLines` hands over, as strings.
    private func lines(of path: String, stoppingAfter limit: Int = .max) throws -> [String] {
        var lines: [String] = []
        try LocalFiles.readLines(path) { line in
            lines.append(String(decoding: line, as: UTF8.self))
            return lines.count < limit
        }
        return lines
    }

    @Test func linesAcrossChunkBoundariesComeWhole() throws {
        try withDirectory { directory in
            // 200,000 lines of varying length: many lines straddle the 64 KiB chunks.
            let expected = (0..<200_000).map { "line \($0) " + String(repeating: "x", count: $0 % 23) }
            try LocalFiles.replace("\(directory)/lines", with: Array(expected.joined(separator: "\n").utf8))
            #expect(try lines(of: "\(directory)/lines") == expected)   // the last line has no newline
            try LocalFiles.replace("\(directory)/ended", with: Array((expected.joined(separator: "\n") + "\n").utf8))
            #expect(try lines(of: "\(directory)/ended") == expected)
        }
    }

    @Test func aLineLongerThanTheBufferAndEmptyLines() throws {
        try withDirectory { directory in
            let long = String(repeating: "y", count: 300_000)
            try LocalFiles.replace("\(directory)/long", with: Array("a\n\n\(long)\nb".utf8))
            #expect(try lines(of: "\(directory)/long") == ["a", "", long, "b"])
            try LocalFiles.replace("\(directory)/empty", with: [])
            #expect(try lines(of: "\(directory)/empty") == [])
        }
    }

    @Test func readingStopsWhenAsked() throws {
        try withDirectory { directory in
            try LocalFiles.replace("\(directory)/three", with: Array("1\n2\n3\n".utf8))
            #expect(try lines(of: "\(directory)/three", stoppingAfter: 2) == ["1", "2"])
        }
    }

    @Test func sizeIsReportedFirstAndAMissingFileIsAnError() throws {
        try withDirectory { directory in
            try LocalFiles.replace("\(directory)/five", with: Array("12345".utf8))
            var size = -1
            try LocalFiles.readLines("\(directory)/five", size: { size = $0 }) { _ in true }
            #expect(size == 5)
            let error = try #require(throws: FileError.self) { try LocalFiles.readLines("\(directory)/none") { _ in true } }
            #expect(error.isMissing && error.operation == "open")
        }
    }

    @Test func replaceWritesPiecesAndLeavesNoTemporaryFile() throws {
        try withDirectory { directory in
            let path = "\(directory)/state"
            try LocalFiles.replace(path, with: Array("old".utf8))
            try LocalFiles.replace(path, durable: false) { (output: borrowing FileOutput) throws(FileError) in
                try output.write(Array("new ".utf8))
                let words: [UInt32] = [1, 2]
                let failure = words.withUnsafeBytes { raw in Result { () throws(FileError) in try output.write(raw) } }
                try failure.get()
            }
            #expect(try LocalFiles.read(path) == Array("new ".utf8) + [1, 0, 0, 0, 2, 0, 0, 0])
            #expect(try LocalFiles.entries(directory) == ["state"])
        }
    }

    /// Without durability the new file takes the old one's place by an exchange of names: a reader
    /// that had the old file open keeps reading it whole, and nothing is left beside the new one.
    @Test func aQuickReplaceSwapsTheFilesAtomically() throws {
        try withDirectory { directory in
            let path = "\(directory)/state"
            try LocalFiles.replace(path, with: Array("first".utf8), durable: false)  // nothing to exchange with yet
            let reader = try FileInput(path)
            try LocalFiles.replace(path, with: Array("second".utf8), durable: false)
            var old = [UInt8](repeating: 0, count: 5)
            #expect(try old.withUnsafeMutableBytes { try reader.fill($0) })
            #expect(old == Array("first".utf8))
            #expect(try LocalFiles.read(path) == Array("second".utf8))
            #expect(try LocalFiles.entries(directory) == ["state"])
        }
    }

    /// What a quick replace relies on: the wrapper exchanges the two names (a rename would leave
    /// only one of them), which is what spares ext4 its write-out on a rename over a file.
    @Test func theExchangeWrapperSwapsBothNames() throws {
        try withDirectory { directory in
            try LocalFiles.replace("\(directory)/a", with: Array("A".utf8))
            try LocalFiles.replace("\(directory)/b", with: Array("B".utf8))
            #expect(kiln_rename_exchange("\(directory)/a", "\(directory)/b") == 0)
            #expect(try LocalFiles.read("\(directory)/a") == Array("B".utf8))
            #expect(try LocalFiles.read("\(directory)/b") == Array("A".utf8))
            #expect(kiln_rename_exchange("\(directory)/a", "\(directory)/missing") == -1 && errno == ENOENT)
            #expect(try LocalFiles.entries(directory) == ["a", "b"])
        }
    }

    @Test func aQuickReplaceOfADirectoryFailsAndLeavesIt() throws {
        try withDirectory { directory in
            let path = "\(directory)/state"
            try LocalFiles.createDirectories(path)
            defer { rmdir(path) }
            let error = #expect(throws: FileError.self) { try LocalFiles.replace(path, with: [1], durable: false) }
            #expect(error?.operation == "rename")
            #expect(LocalFiles.isDirectory(path))
            #expect(try LocalFiles.entries(directory) == ["state"])
        }
    }

    @Test func aFailedReplaceKeepsTheOldFile() throws {
        try withDirectory { directory in
            let path = "\(directory)/state"
            try LocalFiles.replace(path, with: Array("old".utf8))
            #expect(throws: FileError.self) {
                try LocalFiles.replace(path) { (_: borrowing FileOutput) throws(FileError) in
                    throw FileError(path: path, operation: "write", errno: ENOSPC)
                }
            }
            #expect(try LocalFiles.read(path) == Array("old".utf8))
            #expect(try LocalFiles.entries(directory) == ["state"])
        }
    }

    @Test func fileInputFillsExactlyOrReportsTheEnd() throws {
        try withDirectory { directory in
            try LocalFiles.replace("\(directory)/six", with: [1, 2, 3, 4, 5, 6])
            let input = try FileInput("\(directory)/six")
            var four = [UInt8](repeating: 0, count: 4)
            #expect(try four.withUnsafeMutableBytes { try input.fill($0) })
            #expect(four == [1, 2, 3, 4])
            #expect(try !four.withUnsafeMutableBytes { try input.fill($0) })  // only two bytes were left
        }
    }

    @Test func directoriesAreMadeWithTheirParentsAndAFileInTheWayIsAnError() throws {
        try withDirectory { directory in
            let nested = "\(directory)/a/b/c"
            try LocalFiles.createDirectories(nested)
            try LocalFiles.createDirectories(nested)   // already there: fine
            #expect(LocalFiles.isDirectory(nested) && LocalFiles.exists(nested))
            try LocalFiles.replace("\(directory)/file", with: [1])
            let error = try #require(throws: FileError.self) { try LocalFiles.createDirectories("\(directory)/file/d") }
            #expect(error.operation == "mkdir" && error.errno == ENOTDIR)
            for path in ["\(directory)/a/b/c", "\(directory)/a/b", "\(directory)/a"] { rmdir(path) }
        }
    }

    @Test func removingAMissingFileIsFine() throws {
        try withDirectory { directory in
            try LocalFiles.replace("\(directory)/gone", with: [1])
            try LocalFiles.remove("\(directory)/gone")
            try LocalFiles.remove("\(directory)/gone")
            #expect(!LocalFiles.exists("\(directory)/gone"))
        }
    }
}
