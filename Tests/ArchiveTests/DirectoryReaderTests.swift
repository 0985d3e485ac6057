import Archive
import Foundation
import KilnTestSupport
import Testing

/// A directory tree read as archive entries: sorted, relative, symlinks and hard links kept.
@Suite struct DirectoryReaderTests {
    /// Builds a small tree whose creation order differs from name order.
    static func tree(in scratch: TemporaryDirectory) throws -> String {
        let root = scratch.appending("root")
        let files = FileManager.default
        for directory in ["root/usr/lib", "root/a", "root/etc"] {
            try files.createDirectory(atPath: scratch.appending(directory), withIntermediateDirectories: true)
        }
        try scratch.write("root/etc/zz", "last\n")
        try scratch.write("root/a.txt", "dot\n")
        try scratch.write("root/a/b", "bee\n")
        try scratch.write("root/usr/lib/data", String(repeating: "kiln", count: 50_000))
        #expect(chmod(root + "/etc/zz", 0o4750) == 0)
        #expect(symlink("../a.txt", root + "/etc/link") == 0)
        #expect(link(root + "/a/b", root + "/etc/hard") == 0)
        #expect(mkfifo(root + "/etc/fifo", 0o600) == 0)
        return root
    }

    @Test func entriesAreSortedRelativeAndFaithful() throws {
        let scratch = try TemporaryDirectory(prefix: "kiln-archive")
        defer { scratch.remove() }
        let reader = try DirectoryReader(path: Self.tree(in: scratch))
        var entries: [ArchiveEntry] = []
        var data: [String: Int] = [:]
        while let entry = try reader.next() {
            entries.append(entry)
            if entry.kind == .regular {
                var count = 0
                try reader.readDataBlocks { _, bytes in count += bytes.count }
                data[entry.path] = count
            }
        }
        #expect(entries.map(\.path) == [
            "./", "a", "a/b", "a.txt", "etc", "etc/fifo", "etc/hard", "etc/link", "etc/zz", "usr", "usr/lib",
            "usr/lib/data",
        ])
        let byPath = Dictionary(uniqueKeysWithValues: entries.map { ($0.path, $0) })
        #expect(byPath["etc/hard"]?.kind == .hardlink(target: "a/b"))
        #expect(byPath["etc/link"]?.kind == .symlink(target: "../a.txt"))
        #expect(byPath["etc/fifo"]?.kind == .fifo)
        #expect(byPath["etc/zz"]?.permissions == 0o4750)
        #expect(data["usr/lib/data"] == 200_000)
    }
}
