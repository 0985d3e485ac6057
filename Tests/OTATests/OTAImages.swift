import Archive
import Foundation
import KilnTestSupport

/// Images and bundles built once per test process and copied per test: Kiln's qemu-aarch64 image with a
/// userland whose init says which version and slot came up, and keys to sign bundles.
enum OTAImages {
    static let epoch = "1700000000"
    /// `marker(version)` is what the userland of that version prints before it powers off (or reboots).
    static func marker(_ version: Int) -> String { "KILN-OTA-VERSION-\(version)-UP" }

    nonisolated(unsafe) static let root: TemporaryDirectory = try! TemporaryDirectory(prefix: "kiln-ota-images")
    /// Tests run in parallel; one builds a cached input while the others wait for it.
    static let lock = NSRecursiveLock()

    /// A pax tar of a busybox userland whose init prints the marker with the command line, then powers off,
    /// or reboots when `reboots` (a system that never comes up healthy).
    static func userland(version: Int, reboots: Bool = false, padding: Int = 0) throws -> String {
        lock.lock()
        defer { lock.unlock() }
        let path = root.appending("userland-\(version)\(reboots ? "-reboots" : "")-\(padding).tar")
        if FileManager.default.fileExists(atPath: path) { return path }
        let writer = try ArchiveWriter(path: path + ".tmp", format: .pax)
        func add(_ name: String, _ kind: ArchiveEntry.Kind, _ mode: UInt32, _ data: [UInt8] = []) throws {
            try writer.write(ArchiveEntry(path: name, kind: kind, permissions: mode, size: Int64(data.count)), data: data)
        }
        try add("./", .directory, 0o755)
        for directory in ["bin", "sbin", "etc", "proc", "dev", "data"] { try add(directory + "/", .directory, 0o755) }
        try add("bin/busybox", .regular, 0o755, try Artifacts.bytes("busybox/busybox"))
        try add("bin/sh", .symlink(target: "busybox"), 0o777)
        try add("etc/version", .regular, 0o644, Array("\(version)\n".utf8))
        let end = reboots ? "/bin/busybox reboot -f" : "/bin/busybox poweroff -f"
        let script = """
            #!/bin/busybox sh
            /bin/busybox mount -t proc proc /proc
            echo "\(marker(version)) cmdline: $(/bin/busybox cat /proc/cmdline)"
            /bin/busybox sync
            \(end)

            """
        try add("sbin/init", .regular, 0o755, Array(script.utf8))
        if padding > 0 {
            // Incompressible data, so bundles carry many stored chunks.
            var generator = SeededGenerator(seed: UInt64(version))
            try add("data/blob", .regular, 0o644, generator.bytes(padding))
        }
        try writer.finish()
        try FileManager.default.moveItem(atPath: path + ".tmp", toPath: path)
        return path
    }

    /// `kiln image build` of `board` (a name or board file) with the userland of `version`; cached.
    static func image(version: Int, board: String = "qemu-aarch64", reboots: Bool = false) throws -> String {
        lock.lock()
        defer { lock.unlock() }
        let name = (board as NSString).lastPathComponent.replacingOccurrences(of: ".toml", with: "")
        let path = root.appending("\(name)-v\(version)\(reboots ? "-reboots" : "").img")
        if FileManager.default.fileExists(atPath: path) { return path }
        let result = try KilnExecutable.run([
            "image", "build", "--board", board, "--rootfs", try userland(version: version, reboots: reboots),
            "--kernel", try Artifacts.path("kernel/Image"), "--busybox", try Artifacts.path("busybox/busybox"),
            "--modules", try Artifacts.path("kernel/modules"), "--bootloader", try Artifacts.path("u-boot/qemu_arm64"),
            "--source-date-epoch", epoch, "--output", path,
        ])
        guard result.status == 0 else { throw FixtureError("image build failed: \(result.stderr)") }
        return path
    }

    /// A private copy of an image for one test.
    static func copy(_ image: String, into directory: TemporaryDirectory) throws -> String {
        let target = directory.appending("disk.img")
        _ = try Command.output(["cp", "--sparse=always", image, target])
        return target
    }

    /// Slot A's ext4 image out of a built image: what the image builder makes for a slot, and what a bundle carries.
    static func slotImage(of image: String) throws -> String {
        lock.lock()
        defer { lock.unlock() }
        let path = image + ".slot-a.ext4"
        if FileManager.default.fileExists(atPath: path) { return path }
        let json = try Command.output(["sfdisk", "--json", image])
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any]
        let partitions = (object["partitiontable"] as! [String: Any])["partitions"] as! [[String: Any]]
        let slot = partitions.first { $0["name"] as? String == "rootfs-a" }!
        _ = try Command.output(["dd", "if=\(image)", "of=\(path).tmp", "bs=1M", "iflag=skip_bytes,count_bytes", "conv=sparse",
                            "skip=\((slot["start"] as! Int) * 512)", "count=\((slot["size"] as! Int) * 512)", "status=none"])
        try FileManager.default.moveItem(atPath: path + ".tmp", toPath: path)
        return path
    }

    /// A signing key pair under `name` in the shared directory: (secret, public).
    static func key(_ name: String) throws -> (secret: String, public: String) {
        lock.lock()
        defer { lock.unlock() }
        let prefix = root.appending(name)
        if !FileManager.default.fileExists(atPath: prefix + ".key") {
            let result = try KilnExecutable.run(["key", "generate", "--output", prefix])
            guard result.status == 0 else { throw FixtureError("key generate failed: \(result.stderr)") }
        }
        return (prefix + ".key", prefix + ".pub")
    }

    /// `kiln bundle create` with `rootfs` (an ext4 image or tar); cached by name.
    static func bundle(_ name: String, version: String, rootfs: String, key: String = "release", compatible: String = "qemu-aarch64",
                       minVersion: String? = nil, extra: [String] = []) throws -> String {
        lock.lock()
        defer { lock.unlock() }
        let path = root.appending("\(name).kbundle")
        if FileManager.default.fileExists(atPath: path) { return path }
        var arguments = ["bundle", "create", "--key", try Self.key(key).secret, "--compatible", compatible, "--version", version,
                         "--rootfs", rootfs, "--source-date-epoch", epoch, "--output", path] + extra
        if let minVersion { arguments += ["--min-version", minVersion] }
        let result = try KilnExecutable.run(arguments)
        guard result.status == 0 else { throw FixtureError("bundle create failed: \(result.stderr)") }
        return path
    }
}
