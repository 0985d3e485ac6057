import Archive

/// A small root filesystem with every kind of entry and ownership that exists only in headers.
enum RootfsMembers {
    /// 1 MiB of a non-repeating pattern with a 256 KiB zero run in the middle (a hole to skip).
    static let big: [UInt8] = (0..<(1 << 20)).map { index in
        (384 << 10..<640 << 10).contains(index) ? 0 : UInt8(truncatingIfNeeded: index &* 2_654_435_761 >> 13)
    }
    /// cap_net_raw+ep, VFS_CAP_REVISION_2.
    static let capability: [UInt8] = [0, 0, 0, 2, 0, 0x20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]
    /// A POSIX access ACL in the Linux xattr format: user::rw-, user:1000:r--, group::r--, mask::r--, other::---.
    static let acl: [UInt8] = {
        var bytes: [UInt8] = [2, 0, 0, 0]
        func add(_ tag: UInt16, _ perm: UInt16, _ id: UInt32) {
            bytes += [UInt8(tag & 0xff), UInt8(tag >> 8), UInt8(perm & 0xff), UInt8(perm >> 8)]
            bytes += [UInt8(id & 0xff), UInt8(id >> 8 & 0xff), UInt8(id >> 16 & 0xff), UInt8(id >> 24)]
        }
        add(0x01, 6, 0xffff_ffff)
        add(0x02, 4, 1000)
        add(0x04, 4, 0xffff_ffff)
        add(0x10, 4, 0xffff_ffff)
        add(0x20, 0, 0xffff_ffff)
        return bytes
    }()

    static let members: [TarMember] = [
        TarMember("./", .directory, 0o755),
        TarMember("./etc/", .directory, 0o755),
        TarMember("./etc/hostname", .regular, 0o644, data: Array("kiln\n".utf8)),
        TarMember("bin/busybox", .regular, 0o4755, data: Array("#!busybox\n".utf8)),
        TarMember("/bin/sh", .hardlink(target: "./bin/busybox"), 0o4755),
        TarMember("bin/ash", .hardlink(target: "bin/busybox"), 0o4755),
        TarMember("sbin/init", .symlink(target: "../bin/busybox"), 0o777),
        TarMember("home/user/", .directory, 0o2750, uid: 1000, gid: 1000),
        TarMember("home/user/notes.txt", .regular, 0o640, uid: 1000, gid: 1000, data: Array("hello\n".utf8),
                  xattrs: [.init(name: "system.posix_acl_access", value: acl)]),
        TarMember("tmp/", .directory, 0o1777),
        TarMember("dev/console", .characterDevice(major: 5, minor: 1), 0o600),
        TarMember("dev/mmcblk0p1", .blockDevice(major: 179, minor: 1), 0o660, gid: 6),
        TarMember("dev/big", .blockDevice(major: 259, minor: 300), 0o660),
        TarMember("run/initctl", .fifo, 0o600),
        TarMember("usr/bin/ping", .regular, 0o755, data: Array("ping\n".utf8), xattrs: [
            .init(name: "security.capability", value: capability),
            .init(name: "user.kiln", value: Array("built".utf8)),
        ]),
        TarMember("usr/lib/big.bin", .regular, 0o644, data: big),
        TarMember("usr/lib/empty", .regular, 0o644),
        TarMember("etc/hostname", .regular, 0o600, data: Array("replaced\n".utf8)),
        TarMember("lib/modules/6.1.0/kernel/fs/ext4.ko", .regular, 0o644, data: Array("module".utf8)),
        TarMember("lib/modules/6.1.0/modules.dep", .regular, 0o644, data: Array("dep\n".utf8)),
        TarMember("lib/current", .symlink(target: "modules/6.1.0"), 0o777),
    ]
}
