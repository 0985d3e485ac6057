import Archive

/// The entries of a small root filesystem as Kiln would build it: every kind of entry,
/// ownership that only exists in headers, and data that never touches the disk.
enum RootfsFixture {
    struct Member {
        let entry: ArchiveEntry
        let data: [UInt8]
    }

    /// 1 MiB of a non-repeating pattern, so a misplaced block would show.
    static let bigData: [UInt8] = (0..<(1 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 13) }

    /// `security.capability` for cap_net_raw+ep (VFS_CAP_REVISION_2), binary with NUL bytes.
    static let capability: [UInt8] = [0, 0, 0, 2, 0, 0x20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]

    static let members: [Member] = [
        member("etc/", .directory, 0o755),
        member("bin/", .directory, 0o755),
        member("bin/busybox", .regular, 0o4755, data: Array("#!busybox\n".utf8)),
        member("home/user/notes.txt", .regular, 0o640, uid: 1000, gid: 1000,
               names: ("user", "user"), data: Array("hello from kiln\n".utf8)),
        member("sbin/init", .symlink(target: "../bin/busybox"), 0o777),
        member("bin/sh", .hardlink(target: "bin/busybox"), 0o4755),
        member("dev/console", .characterDevice(major: 5, minor: 1), 0o600),
        member("dev/mmcblk0", .blockDevice(major: 179, minor: 0), 0o660, gid: 6),
        member("run/initctl", .fifo, 0o600),
        member("usr/bin/ping", .regular, 0o755, data: Array("ping\n".utf8), xattrs: [
            .init(name: "user.kiln", value: Array("built".utf8)),
            .init(name: "security.capability", value: capability),
        ]),
        member("etc/empty", .regular, 0o644),
        member("var/big.bin", .regular, 0o644, data: bigData,
               time: .init(seconds: 1_700_000_000, nanoseconds: 123_456_789)),
    ]

    private static func member(
        _ path: String, _ kind: ArchiveEntry.Kind, _ permissions: UInt32,
        uid: UInt32 = 0, gid: UInt32 = 0, names: (String, String)? = nil, data: [UInt8] = [],
        xattrs: [ArchiveEntry.ExtendedAttribute] = [], time: ArchiveEntry.Timestamp = .epoch
    ) -> Member {
        let entry = ArchiveEntry(
            path: path, kind: kind, permissions: permissions, uid: uid, gid: gid,
            userName: names?.0, groupName: names?.1, modificationTime: time,
            size: Int64(data.count), xattrs: xattrs)
        return Member(entry: entry, data: data)
    }

    /// Writes every member into `writer` and finishes it.
    static func write(to writer: ArchiveWriter, members: [Member] = members) throws {
        for member in members {
            try writer.write(member.entry, data: member.data)
        }
        try writer.finish()
    }

    /// Reads every entry with its data.
    static func readAll(_ reader: ArchiveReader) throws -> [Member] {
        var result: [Member] = []
        while let entry = try reader.next() {
            result.append(Member(entry: entry, data: try reader.readAllData()))
        }
        return result
    }
}
