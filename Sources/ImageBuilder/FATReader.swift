/// Reads a FAT12/16/32 volume through a closure: lists directories, reads files, and rewrites a file
/// in place — how the OTA updater changes `uboot.env` on a boot partition without a FAT driver.
public struct FATReader {
    /// Returns `count` bytes at `offset` from the start of the volume.
    public typealias Read = (_ offset: UInt64, _ count: Int) throws -> [UInt8]

    public let geometry: FATGeometry
    /// The root directory's label entry if there is one, else the boot sector's; trailing spaces removed.
    public let label: String
    public let serial: UInt32
    private let read: Read
    /// The first FAT, whole: a few MiB at most for boot partitions.
    private let table: [UInt8]

    /// Reads the boot sector and the first FAT.
    /// - Throws: `FATError.corrupt` for no FAT boot sector, `.io` when `read` throws.
    public init(read: @escaping Read) throws(FATError) {
        self.read = read
        let boot = try Self.bytes(read, at: 0, count: 512)
        geometry = try FATBootSector.decoded(boot)
        let extended = geometry.kind == .fat32 ? 64 : 36
        serial = (0..<4).reduce(0) { $0 | UInt32(boot[extended + 3 + $1]) << (8 * $1) }
        table = try Self.bytes(read, at: geometry.fatOffset, count: Int(geometry.fatSize))
        var label = String(decoding: boot[(extended + 7)..<(extended + 18)], as: UTF8.self)
        if let entry = FATDirectoryParser.label(in: try Self.rootBytes(geometry, table: table, read: read)) {
            label = entry
        }
        self.label = String(label.reversed().drop { $0 == " " }.reversed())
    }

    /// The entries of the directory at `path` (`""` or `/` for the root), without `.` and `..`.
    /// - Throws: `FATError.notFound`, `.wrongKind` if `path` is a file, `.corrupt` or `.io`.
    public func list(_ path: String = "") throws(FATError) -> [FATDirectoryItem] {
        guard let directory = try lookup(path) else {
            return FATDirectoryParser.items(in: try Self.rootBytes(geometry, table: table, read: read))
        }
        guard directory.isDirectory else { throw .wrongKind(path: path, expected: "directory") }
        return FATDirectoryParser.items(in: try contents(startingAt: directory.firstCluster, size: nil))
    }

    /// The contents of the file at `path`.
    /// - Throws: `FATError.notFound`, `.wrongKind` for a directory, `.corrupt` or `.io`.
    public func readFile(_ path: String) throws(FATError) -> [UInt8] {
        let file = try self.file(path)
        return try contents(startingAt: file.firstCluster, size: file.size)
    }

    /// Overwrites the file at `path` with `bytes` of the same length, cluster by cluster, through `write`;
    /// the FAT and the directory entry are left untouched, so the volume stays consistent.
    /// - Throws: `FATError.sizeMismatch`, `.notFound`, `.wrongKind`, `.corrupt`, or `.io` when `write` throws.
    public func replaceFile(_ path: String, with bytes: [UInt8], write: FATSink) throws(FATError) {
        let file = try self.file(path)
        guard file.size == UInt64(bytes.count) else {
            throw .sizeMismatch(path: path, current: file.size, replacement: UInt64(bytes.count))
        }
        var done = 0
        for run in try runs(startingAt: file.firstCluster) where done < bytes.count {
            let length = min(Int(run.length), bytes.count - done)
            let result: Result<Void, any Error> = bytes[done..<done + length].withUnsafeBytes { buffer in
                Result { try write(run.offset, buffer) }
            }
            if case .failure(let error) = result {
                throw .io(operation: "write", offset: run.offset, reason: "\(error)")
            }
            done += length
        }
    }

    private func file(_ path: String) throws(FATError) -> FATDirectoryItem {
        guard let file = try lookup(path) else { throw .wrongKind(path: path, expected: "file") }
        guard !file.isDirectory else { throw .wrongKind(path: path, expected: "file") }
        return file
    }

    /// The entry at `path`, matched case-insensitively by long or short name; nil for the root.
    private func lookup(_ path: String) throws(FATError) -> FATDirectoryItem? {
        var found: FATDirectoryItem?
        for component in path.split(separator: "/").map({ $0.uppercased() }) {
            let items: [FATDirectoryItem]
            if let directory = found {
                guard directory.isDirectory else { throw .notFound(path: path) }
                items = FATDirectoryParser.items(in: try contents(startingAt: directory.firstCluster, size: nil))
            } else {
                items = FATDirectoryParser.items(in: try Self.rootBytes(geometry, table: table, read: read))
            }
            found = items.first { $0.name.uppercased() == component || $0.shortName == component }
            if found == nil { throw .notFound(path: path) }
        }
        return found
    }

    /// The bytes of a cluster chain, cut to `size` when given.
    private func contents(startingAt cluster: UInt32, size: UInt64?) throws(FATError) -> [UInt8] {
        var bytes: [UInt8] = []
        for run in try runs(startingAt: cluster) {
            let wanted = size.map { min(run.length, $0 - UInt64(bytes.count)) } ?? run.length
            if wanted == 0 { break }
            bytes += try Self.bytes(read, at: run.offset, count: Int(wanted))
        }
        if let size, UInt64(bytes.count) < size { throw .corrupt(reason: "cluster chain shorter than the file") }
        return bytes
    }

    /// The chain from `first` as byte ranges of consecutive clusters, so a contiguous file is one read.
    private func runs(startingAt first: UInt32) throws(FATError) -> [(offset: UInt64, length: UInt64)] {
        try FATTable.runs(from: first, geometry: geometry, table: table)
    }

    /// The root directory: the fixed region on FAT12/16, the chain from the root cluster on FAT32.
    private static func rootBytes(_ geometry: FATGeometry, table: [UInt8], read: Read) throws(FATError) -> [UInt8] {
        guard geometry.kind == .fat32 else {
            return try bytes(read, at: geometry.rootDirectoryOffset, count: Int(geometry.rootEntryCount) * 32)
        }
        var bytes: [UInt8] = []
        for run in try FATTable.runs(from: geometry.rootCluster, geometry: geometry, table: table) {
            bytes += try Self.bytes(read, at: run.offset, count: Int(run.length))
        }
        return bytes
    }

    /// `read`, with its error and a short answer turned into `FATError`.
    private static func bytes(_ read: Read, at offset: UInt64, count: Int) throws(FATError) -> [UInt8] {
        let bytes: [UInt8]
        do {
            bytes = try read(offset, count)
        } catch {
            throw .io(operation: "read", offset: offset, reason: "\(error)")
        }
        guard bytes.count == count else {
            throw .io(operation: "read", offset: offset, reason: "got \(bytes.count) of \(count) bytes")
        }
        return bytes
    }
}
