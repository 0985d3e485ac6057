import Archive
import Ext4
import Foundation
import KilnTestSupport

/// An image file with an ext4 region between two 1 MiB guard areas full of a marker byte, and
/// the oracles' view of it (the region copied out with `dd`, since e2fsprogs takes no offset).
struct Ext4Fixture {
    static let guardSize: UInt64 = 1 << 20
    static let marker: UInt8 = 0xA5
    static let parameters = Ext4Parameters(
        size: 64 << 20, label: "rootfs-a",
        uuid: (0..<16).map { UInt8($0 * 7 + 1) }, hashSeed: (0..<16).map { UInt8($0 * 13 + 5) },
        timestamp: 1_700_000_000)

    let scratch: TemporaryDirectory
    let image: String
    let size: UInt64

    /// Creates `guard | region | guard` as a sparse file with written guards.
    init(size: UInt64 = Ext4Fixture.parameters.size, prefix: String = "kiln-ext4") throws {
        scratch = try TemporaryDirectory(prefix: prefix)
        image = scratch.appending("disk.img")
        self.size = size
        let guardBytes = Data(repeating: Self.marker, count: Int(Self.guardSize))
        try guardBytes.write(to: URL(fileURLWithPath: image))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: image))
        try handle.seek(toOffset: Self.guardSize + size)
        try handle.write(contentsOf: guardBytes)
        try handle.close()
    }

    var offset: UInt64 { Self.guardSize }

    func parameters(timestamp: Int64 = Ext4Fixture.parameters.timestamp) -> Ext4Parameters {
        var parameters = Self.parameters
        parameters.size = size
        parameters.timestamp = timestamp
        return parameters
    }

    func format(timestamp: Int64 = Ext4Fixture.parameters.timestamp) throws -> Ext4Filesystem {
        try Ext4Filesystem.format(path: image, offset: offset, parameters: parameters(timestamp: timestamp))
    }

    /// The region copied into its own file, for e2fsck, debugfs and dumpe2fs.
    func extractRegion() throws -> String {
        let region = scratch.appending("region.img")
        try Command.output([
            "dd", "if=\(image)", "of=\(region)", "bs=1M", "skip=\(offset >> 20)", "count=\(size >> 20)",
            "conv=sparse", "status=none",
        ])
        return region
    }

    /// Whether both guard areas still hold only the marker.
    func guardsIntact() throws -> Bool {
        let data = try Data(contentsOf: URL(fileURLWithPath: image))
        guard UInt64(data.count) == Self.guardSize * 2 + size else { return false }
        let before = data.prefix(Int(Self.guardSize))
        let after = data.suffix(Int(Self.guardSize))
        return before.allSatisfy { $0 == Self.marker } && after.allSatisfy { $0 == Self.marker }
    }

    /// Runs a debugfs request against the extracted region.
    static func debugfs(_ region: String, _ request: String) throws -> String {
        try Command.output(["debugfs", "-R", request, region])
    }

    /// `e2fsck -fn` output; its exit status 0 means clean.
    static func fsck(_ region: String) throws -> CommandResult {
        try Command.run(["e2fsck", "-fn", region])
    }

    /// Writes `members` as a tar (pax, with `filter`) and returns a reader over it.
    func tar(_ members: [TarMember], filter: ArchiveFilter = .gzip, name: String = "rootfs.tar") throws -> String {
        let path = scratch.appending(name)
        let writer = try ArchiveWriter(path: path, format: .pax, filter: filter)
        for member in members { try writer.write(member.entry, data: member.data) }
        try writer.finish()
        return path
    }
}

/// One archive member with its data.
struct TarMember {
    let entry: ArchiveEntry
    let data: [UInt8]

    init(_ path: String, _ kind: ArchiveEntry.Kind, _ permissions: UInt32, uid: UInt32 = 0, gid: UInt32 = 0,
         data: [UInt8] = [], xattrs: [ArchiveEntry.ExtendedAttribute] = [], mtime: Int64 = 1_600_000_000) {
        entry = ArchiveEntry(path: path, kind: kind, permissions: permissions, uid: uid, gid: gid,
                             modificationTime: .init(seconds: mtime, nanoseconds: 250_000_000),
                             size: Int64(data.count), xattrs: xattrs)
        self.data = data
    }
}
