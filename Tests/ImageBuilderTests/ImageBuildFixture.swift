import Archive
import Foundation
import KilnTestSupport

/// Inputs for whole-image builds: Debian's arm64 artifacts, a userland tar written from memory with
/// owners, device nodes and xattrs only its headers hold, and a way to run `kiln image build` as `nobody`.
struct ImageBuildFixture {
    static let epoch = "1700000000"
    /// What slot A's init prints, then powers off, so QEMU exits by itself.
    static let marker = "KILN-TEST-USERLAND-UP"

    let directory: TemporaryDirectory

    init(prefix: String = "kiln-image") throws {
        directory = try TemporaryDirectory(prefix: prefix)
        // Readable by `nobody`, for the unprivileged build.
        chmod(directory.path, 0o755)
    }

    /// The busybox init: mounts /proc, prints the marker with the kernel command line, powers off.
    static let initScript = """
        #!/bin/busybox sh
        /bin/busybox mount -t proc proc /proc
        echo "\(marker) cmdline: $(/bin/busybox cat /proc/cmdline)"
        /bin/busybox sync
        /bin/busybox poweroff -f

        """

    /// A pax tar of a small busybox userland plus what only tar headers can carry (owners, setuid, devices, xattrs).
    func userland(name: String = "rootfs.tar", extra: [(ArchiveEntry, [UInt8])] = []) throws -> String {
        let path = directory.appending(name)
        let writer = try ArchiveWriter(path: path, format: .pax)
        let busybox = try Artifacts.bytes("busybox/busybox")
        func add(_ path: String, _ kind: ArchiveEntry.Kind, _ mode: UInt32, uid: UInt32 = 0, gid: UInt32 = 0,
                 data: [UInt8] = [], xattrs: [ArchiveEntry.ExtendedAttribute] = []) throws {
            try writer.write(ArchiveEntry(path: path, kind: kind, permissions: mode, uid: uid, gid: gid,
                                          size: Int64(data.count), xattrs: xattrs), data: data)
        }
        try add("./", .directory, 0o755)
        for directory in ["bin", "sbin", "etc", "proc", "sys", "dev", "tmp", "home", "home/user", "usr", "usr/bin"] {
            try add(directory + "/", .directory, directory == "tmp" ? 0o1777 : 0o755, uid: directory == "home/user" ? 1000 : 0,
                    gid: directory == "home/user" ? 1000 : 0)
        }
        try add("bin/busybox", .regular, 0o755, data: busybox)
        try add("bin/sh", .symlink(target: "busybox"), 0o777)
        try add("bin/su", .hardlink(target: "bin/busybox"), 0o755)
        try add("sbin/init", .regular, 0o755, data: Array(Self.initScript.utf8))
        try add("usr/bin/passwd", .regular, 0o4755, data: Array("setuid\n".utf8))
        try add("etc/shadow", .regular, 0o640, gid: 42, data: Array("root:*:19000:0:99999:7:::\n".utf8))
        try add("home/user/notes.txt", .regular, 0o600, uid: 1000, gid: 1000, data: Array("hello\n".utf8))
        try add("dev/console", .characterDevice(major: 5, minor: 1), 0o600)
        try add("dev/mmcblk0", .blockDevice(major: 179, minor: 0), 0o660, gid: 6)
        try add("usr/bin/ping", .regular, 0o755, data: Array("ping\n".utf8),
                xattrs: [.init(name: "security.capability", value: [0, 0, 0, 2, 0, 0x20, 0, 0] + [UInt8](repeating: 0, count: 12))])
        for (entry, data) in extra { try writer.write(entry, data: data) }
        try writer.finish()
        return path
    }

    /// A copy of `relative` from the artifacts under this directory (so `nobody` can read it).
    func copyArtifact(_ relative: String, to name: String? = nil) throws -> String {
        let target = directory.appending(name ?? (relative as NSString).lastPathComponent)
        try? FileManager.default.removeItem(atPath: target)
        try FileManager.default.copyItem(atPath: try Artifacts.path(relative), toPath: target)
        return target
    }

    /// A directory holding `files` (artifact paths) under their base names, or under given names.
    func inputDirectory(_ name: String, _ files: [(artifact: String, as: String)]) throws -> String {
        let path = directory.appending(name)
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        for file in files {
            let target = "\(path)/\(file.as)"
            try FileManager.default.createDirectory(atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: try Artifacts.path(file.artifact), toPath: target)
        }
        return path
    }

    /// The arguments every build of `board` needs, with inputs from the artifacts.
    func arguments(board: String, rootfs: String, output: String) throws -> [String] {
        var arguments = ["image", "build", "--board", board, "--rootfs", rootfs, "--kernel", try Artifacts.path("kernel/Image"),
                         "--output", output, "--busybox", try Artifacts.path("busybox/busybox"),
                         "--modules", try Artifacts.path("kernel/modules"), "--source-date-epoch", Self.epoch]
        switch board {
        case "nanopi-r2s":
            arguments += ["--dtbs", try Artifacts.path("kernel/dtbs"), "--bootloader", try Artifacts.path("u-boot/rock64-rk3328")]
        case "rpi4", "rpi3":
            arguments += ["--dtbs", try Artifacts.path("kernel/dtbs"), "--firmware", try Artifacts.path("firmware/rpi"),
                          "--bootloader", try Artifacts.path(board == "rpi4" ? "u-boot/rpi_4" : "u-boot/rpi_3")]
        default:
            arguments += ["--bootloader", try Artifacts.path("u-boot/qemu_arm64")]
        }
        return arguments
    }

    /// Runs `kiln` with `arguments`, failing with its output when it fails.
    @discardableResult
    static func kiln(_ arguments: [String]) throws -> String {
        try Command.output([KilnExecutable.path] + arguments)
    }

    /// `length` bytes of `image` from `offset`, copied sparsely into a file of their own, for the fsck tools.
    func extract(_ image: String, offset: UInt64, length: UInt64, to name: String) throws -> String {
        let path = directory.appending(name)
        try Command.output(["dd", "if=\(image)", "of=\(path)", "bs=1M", "iflag=skip_bytes,count_bytes",
                            "skip=\(offset)", "count=\(length)", "conv=sparse", "status=none"])
        return path
    }

    /// Bytes of a file at an offset.
    static func read(_ path: String, offset: UInt64, count: Int) throws -> [UInt8] {
        let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        try handle.seek(toOffset: offset)
        return Array(try handle.read(upToCount: count) ?? Data())
    }
}
