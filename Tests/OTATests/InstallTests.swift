import Foundation
import KilnTestSupport
import Testing

/// The updater on real loop devices over Kiln's qemu-aarch64 image: its slots, and `uboot.env` on the mounted
/// FAT boot partition, read back with `fw_printenv`.
@Suite(.requiresRoot, .serialized) struct InstallTests {
    /// A v2 bundle from a tar (Kiln makes the ext4) with 4 MiB of incompressible data.
    static func bundle(_ name: String, version: String, key: String = "release", compatible: String = "qemu-aarch64",
                       minVersion: String? = nil) throws -> String {
        // The major version names the userland; the rest changes the data, so each version's payload differs.
        let parts = version.split(separator: ".").compactMap { Int($0) }
        let padding = (4 << 20) + 4096 * (parts.dropFirst().reduce(0) { $0 * 100 + $1 })
        return try OTAImages.bundle(name, version: version, rootfs: try OTAImages.userland(version: parts.first ?? 0, padding: padding),
                                    key: key, compatible: compatible, minVersion: minVersion, extra: ["--rootfs-size", "32MiB"])
    }

    func device() throws -> (OTADevice, String) {
        let directory = try TemporaryDirectory(prefix: "kiln-ota-install")
        let device = try OTADevice(image: try OTAImages.copy(try OTAImages.image(version: 1), into: directory), directory: directory)
        return (device, try device.configure(keys: [try OTAImages.key("release").public]))
    }

    /// The payload's SHA-256 and size as `bundle info --json` reports them.
    func payload(_ bundle: String) throws -> (sha256: String, size: UInt64) {
        let json = try Command.output([KilnExecutable.path, "bundle", "info", "--json", bundle])
        let info = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any]
        let payload = (info["payloads"] as! [[String: Any]])[0]
        return (payload["sha256"] as! String, UInt64(payload["size"] as! Int))
    }

    func status(_ device: OTADevice, booted: String, config: String) throws -> [String: Any] {
        let result = try device.kiln(["ota", "status", "--json"], booted: booted, config: config)
        #expect(result.status == 0, "\(result.stderr)")
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: Any]
    }

    @Test func installMarkGoodMarkBadAndRollback() throws {
        let (device, config) = try device()
        defer { device.detach() }
        let bundle = try Self.bundle("v2", version: "2.0.0")
        let slotA = try device.digest(slot: "A")
        #expect(try device.environment()["BOOT_ORDER"] == "A B")

        let install = try device.kiln(["ota", "install", bundle], booted: "A", config: config)
        #expect(install.status == 0, "\(install.stderr)")
        #expect(install.stderr.isEmpty, "no progress bar in a pipe: \(install.stderr)")
        let environment = try device.environment()
        #expect(environment["BOOT_ORDER"] == "B A" && environment["BOOT_B_LEFT"] == "3" && environment["KILN_B_VERSION"] == "2.0.0")
        let (sha256, size) = try payload(bundle)
        #expect(try device.digest(slot: "B", length: size) == sha256, "slot B holds exactly the payload")
        #expect(try Command.run(["fsck.ext4", "-fn", device.loops["B"]!]).status == 0)
        #expect(try device.digest(slot: "A") == slotA, "the booted slot was not written")
        let afterInstall = try status(device, booted: "A", config: config)
        #expect(afterInstall["primary"] as? String == "B")
        #expect((afterInstall["last_install"] as? [String: Any])?["result"] as? String == "success")

        // U-Boot counts an attempt down when it boots B (proven under QEMU in OTABootTests); mark-good restores it.
        _ = try Command.output(["fw_setenv", "-c", device.directory.appending("fw_env.config"), "BOOT_B_LEFT", "2"])
        #expect(try device.kiln(["ota", "mark-good"], booted: "B", config: config).status == 0)
        #expect(try device.environment()["BOOT_B_LEFT"] == "3")
        let good = try status(device, booted: "B", config: config)
        let slots = good["slots"] as! [[String: Any]]
        #expect(slots[1]["version"] as? String == "2.0.0" && slots[1]["booted"] as? Bool == true && slots[1]["state"] as? String == "good")

        #expect(try device.kiln(["ota", "mark-bad", "other"], booted: "B", config: config).status == 0)
        #expect(try device.environment()["BOOT_ORDER"] == "B" && device.environment()["BOOT_A_LEFT"] == "0")
        #expect(try device.kiln(["ota", "mark-bad", "booted"], booted: "B", config: config).status == 1,
                "marking the last bootable slot bad is refused")

        // A version-3 install into A that never comes up: U-Boot spends A's attempts and falls back to B.
        let v3 = try Self.bundle("v3", version: "3.0.0")
        #expect(try device.kiln(["ota", "install", v3], booted: "B", config: config).status == 0)
        #expect(try device.environment()["BOOT_ORDER"] == "A B")
        _ = try Command.output(["fw_setenv", "-c", device.directory.appending("fw_env.config"), "BOOT_A_LEFT", "0"])
        let fellBack = try status(device, booted: "B", config: config)
        #expect(fellBack["primary"] as? String == "B" && fellBack["rolled_back"] as? Bool == true)
        let text = try device.kiln(["ota", "status"], booted: "B", config: config).stdout
        #expect(text.contains("rolled back: slot A (3.0.0) did not come up healthy"), "\(text)")
    }

    @Test func refusesDowngradesOtherBoardsUnknownKeysAndTheFloor() throws {
        let (device, config) = try device()
        defer { device.detach() }
        #expect(try device.kiln(["ota", "install", try Self.bundle("v2-floor", version: "2.0.0", minVersion: "1.5.0")],
                                booted: "A", config: config).status == 0)
        let environment = try device.environment()
        let slotB = try device.digest(slot: "B")
        func refused(_ bundle: String, _ message: String, allow: Bool = false) throws {
            let result = try device.kiln(["ota", "install", bundle] + (allow ? ["--allow-downgrade"] : []), booted: "B", config: config)
            #expect(result.status == 1 && result.stderr.contains(message), "\(result.stderr)")
            #expect(try device.environment() == environment, "the environment is unchanged")
            #expect(try device.digest(slot: "B") == slotB, "the booted slot is untouched")
        }
        try refused(try Self.bundle("v1-9", version: "1.9.0"), "older than the running 2.0.0")
        try refused(try Self.bundle("v2-r2s", version: "2.1.0", compatible: "nanopi-r2s"), "bundle is for 'nanopi-r2s', this system is 'qemu-aarch64'")
        _ = try OTAImages.key("stranger")
        try refused(try Self.bundle("v2-stranger", version: "2.1.0", key: "stranger"), "which keyring")
        // Allowed downgrade still stops at the floor? No: --allow-downgrade overrides both, as documented; without it
        // a version between floor and running is refused as older, one below the floor names the floor.
        let belowFloor = try Self.bundle("v1-4", version: "1.4.0")
        try refused(belowFloor, "below 1.5.0, the lowest version the running system (slot B) allows")
        let allowed = try device.kiln(["ota", "install", try Self.bundle("v1-9", version: "1.9.0"), "--allow-downgrade"], booted: "B", config: config)
        #expect(allowed.status == 0, "\(allowed.stderr)")
        #expect(try device.environment()["KILN_A_VERSION"] == "1.9.0")
    }

    @Test func tamperedBundlesNeverBecomePrimary() throws {
        let (device, config) = try device()
        defer { device.detach() }
        let original = Array(try Data(contentsOf: URL(fileURLWithPath: try Self.bundle("v2", version: "2.0.0"))))
        let slotA = try device.digest(slot: "A")
        var generator = SeededGenerator(seed: 5)
        let cases: [(String, [UInt8])] = [
            ("manifest byte", { var b = original; b[40] ^= 0x80; return b }()),
            ("payload byte", { var b = original; b[b.count / 2] ^= 0x01; return b }()),
            ("last payload byte", { var b = original; b[b.count - 1] ^= 0x01; return b }()),
            ("truncated", Array(original[..<(original.count * 3 / 4)])),
            ("truncated random", Array(original[..<Int(generator.next() % UInt64(original.count))])),
        ]
        for (name, bytes) in cases {
            let path = device.directory.appending("tampered.kbundle")
            _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
            let result = try device.kiln(["ota", "install", path], booted: "A", config: config)
            #expect(result.status == 1, "\(name) was installed")
            let environment = try device.environment()
            #expect(environment["BOOT_ORDER"]?.hasPrefix("A") == true, "\(name): \(environment)")
            #expect(environment["KILN_B_VERSION"] == nil)
            #expect(try device.digest(slot: "A") == slotA, "\(name): the booted slot was written")
        }
        let status = try status(device, booted: "A", config: config)
        #expect((status["last_install"] as? [String: Any])?["result"] as? String == "failure")
    }

    @Test func oneInstallAtATimeAndNeverAMountedSlot() throws {
        let (device, config) = try device()
        defer { device.detach() }
        let bundle = try Self.bundle("v2", version: "2.0.0")
        let dataDirectory = device.directory.appending("data")
        try FileManager.default.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true)
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/flock")
        // --no-fork: flock becomes the sleep that holds the lock, so terminating it releases the lock.
        holder.arguments = ["--no-fork", "\(dataDirectory)/install.lock", "sleep", "600"]
        try holder.run()
        // SIGKILL: under the test runner the sleep outlived a SIGTERM (measured: the test waited out its 600 s).
        defer { if holder.isRunning { kill(holder.processIdentifier, SIGKILL) }; holder.waitUntilExit() }
        // Until flock(1) holds the lock (a non-blocking try of our own fails); it holds it until killed.
        let deadline = Date(timeIntervalSinceNow: 30)
        while try Command.run(["flock", "-n", "\(dataDirectory)/install.lock", "true"]).status == 0, Date() < deadline {
            usleep(50_000)
        }
        try #require(try Command.run(["flock", "-n", "\(dataDirectory)/install.lock", "true"]).status != 0, "flock never took the lock")
        let busy = try device.kiln(["ota", "install", bundle], booted: "A", config: config)
        #expect(busy.status == 1 && busy.stderr.contains("another install is running"), "\(busy.stderr)")
        #expect(try device.environment()["BOOT_ORDER"] == "A B")
        kill(holder.processIdentifier, SIGKILL)
        holder.waitUntilExit()

        let mountPoint = device.directory.appending("b-mounted")
        try FileManager.default.createDirectory(atPath: mountPoint, withIntermediateDirectories: true)
        _ = try Command.output(["mount", "-o", "ro", device.loops["B"]!, mountPoint])
        defer { _ = try? Command.run(["umount", mountPoint]) }
        let mounted = try device.kiln(["ota", "install", bundle], booted: "A", config: config)
        #expect(mounted.status == 1 && mounted.stderr.contains("it is mounted at /tmp/kiln-ota-install") && mounted.stderr.hasSuffix("b-mounted; Kiln never writes a mounted slot\n"), "\(mounted.stderr)")
        #expect(try device.environment()["BOOT_ORDER"] == "A B")
    }

    @Test func installsFromAURLResumingAfterDroppedConnections() throws {
        let (device, config) = try device()
        defer { device.detach() }
        let bundle = try Self.bundle("v2", version: "2.0.0")
        let server = try RangeServer(serving: bundle, in: device.directory,
                                     options: ["--drops", "2", "--drop-after", "1500000", "--drop-with", "rst"])
        defer { server.stop() }
        let install = try device.kiln(["ota", "install", server.url()], booted: "A", config: config)
        #expect(install.status == 0, "\(install.stderr)")
        #expect(server.rangeOffsets.count == 2, "two resumes: \(server.requests)")
        let (sha256, size) = try payload(bundle)
        #expect(try device.digest(slot: "B", length: size) == sha256)
        #expect(try device.environment()["BOOT_ORDER"] == "B A")

        let missing = try device.kiln(["ota", "install", server.url("/absent")], booted: "B", config: config)
        #expect(missing.status == 1 && missing.stderr.contains("404"), "\(missing.stderr)")
        #expect(try device.environment()["BOOT_ORDER"] == "B A")
    }
}
