import Archive
import Foundation
import KilnTestSupport

/// A device for OTA tests: an image Kiln built, its slots and boot partition on real loop devices, a signing key and
/// keyring, and a `system.toml` for them.
///
/// The qemu-aarch64 board keeps the A/B state in `uboot.env` on the FAT boot partition. A device mounts that
/// partition; this host's kernel has no vfat, so `fw_env.config` names the file's bytes on the partition's loop
/// device instead (found with `mshowfat`/`minfo`; Kiln's FAT writer stores the file contiguously). The updater
/// writes the same bytes either way, and the FAT stays valid (`fsck.vfat` checks it).
final class OTADevice {
    static let bootOffset: UInt64 = 1 << 20
    let directory: TemporaryDirectory
    let image: String
    private(set) var loops: [String: String] = [:]
    /// Where `uboot.env`'s data starts on the boot partition.
    private(set) var environmentOffset: UInt64 = 0

    /// Slot and boot-partition offsets and sizes, from `sfdisk --json`.
    let partitions: [String: (start: UInt64, size: UInt64)]

    /// Attaches `image` (copied into a fresh directory unless `inPlace`).
    init(image source: String, directory: TemporaryDirectory) throws {
        self.directory = directory
        image = source
        partitions = try Self.partitions(of: image)
        do { try attach() } catch { detach(); throw error }
    }

    private static func partitions(of image: String) throws -> [String: (start: UInt64, size: UInt64)] {
        let json = try Command.output(["sfdisk", "--json", image])
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any]
        let table = object["partitiontable"] as! [String: Any]
        var result: [String: (UInt64, UInt64)] = [:]
        for entry in table["partitions"] as! [[String: Any]] {
            let name = entry["name"] as? String ?? ""
            result[name] = (UInt64(entry["start"] as! Int) * 512, UInt64(entry["size"] as! Int) * 512)
        }
        return result
    }

    private func attach() throws {
        for (slot, name) in [("A", "rootfs-a"), ("B", "rootfs-b"), ("boot", "boot")] {
            guard let partition = partitions[name] else { throw FixtureError("no partition \(name) in \(image)") }
            loops[slot] = try Command.output(["losetup", "--find", "--show", "-o", String(partition.start),
                                              "--sizelimit", String(partition.size), image])
                .trimmingCharacters(in: .whitespacesAndNewlines)
        }
        environmentOffset = try Self.fileOffset(image: image, partitionStart: partitions["boot"]!.start, file: "uboot.env")
    }

    /// The byte offset of `file`'s data in the FAT partition at `partitionStart`, when it is one run of clusters.
    static func fileOffset(image: String, partitionStart: UInt64, file: String) throws -> UInt64 {
        let volume = "\(image)@@\(partitionStart)"
        let clusters = try Command.output(["mshowfat", "-i", volume, "::/\(file)"])
        guard let open = clusters.firstIndex(of: "<"), let dash = clusters[open...].firstIndex(of: "-"),
              let first = UInt64(clusters[clusters.index(after: open)..<dash]), !clusters.contains(">,") else {
            throw FixtureError("\(file) is not one run of clusters: \(clusters)")
        }
        let info = try Command.output(["minfo", "-i", volume, "::"])
        func field(_ name: String) throws -> UInt64 {
            guard let line = info.split(separator: "\n").first(where: { $0.hasPrefix(name) }),
                  let value = UInt64(line.dropFirst(name.count).split(separator: " ").first ?? "") else {
                throw FixtureError("minfo has no '\(name)': \(info)")
            }
            return value
        }
        let dataStart = try field("reserved (boot) sectors: ") + (try field("fats: ")) * (try field("Big fatlen="))
        return (dataStart + (first - 2) * (try field("cluster size: "))) * (try field("sector size: "))
    }

    /// Unmounts and detaches everything; safe to call twice.
    func detach() {
        for (_, loop) in loops { _ = try? Command.run(["losetup", "-d", loop]) }
        loops = [:]
    }

    deinit { detach() }


    /// `fw_env.config`, `system.toml` and a keyring with `keys` for this device; returns the system.toml path.
    func configure(keys: [String], board: String = "qemu-aarch64", environmentConfig: String? = nil) throws -> String {
        let keyring = directory.appending("keyring")
        try? FileManager.default.removeItem(atPath: keyring)
        try FileManager.default.createDirectory(atPath: keyring, withIntermediateDirectories: true)
        for key in keys { try FileManager.default.copyItem(atPath: key, toPath: "\(keyring)/\((key as NSString).lastPathComponent)") }
        let environment = try environmentConfig ?? directory.write("fw_env.config", "\(loops["boot"]!) \(environmentOffset) 0x4000\n")
        return try directory.write("system.toml", """
            board = "\(board)"
            keyring = "\(keyring)"
            data-dir = "\(directory.appending("data"))"
            [bootloader]
            backend = "uboot"
            env-config = "\(environment)"
            attempts = 3
            [[slots]]
            name = "A"
            device = "\(loops["A"]!)"
            [[slots]]
            name = "B"
            device = "\(loops["B"]!)"

            """)
    }

    /// Runs `kiln` as the device booted from `booted` would (KILN_CONFIG, KILN_CMDLINE).
    func kiln(_ arguments: [String], booted: String, config: String) throws -> CommandResult {
        let commandLine = try directory.write("cmdline", "console=ttyAMA0 root=PARTUUID=x kiln.slot=\(booted)\n")
        return try KilnExecutable.run(arguments, environment: ["KILN_CONFIG": config, "KILN_CMDLINE": commandLine])
    }

    /// The environment as `fw_printenv` reads it.
    func environment(config: String? = nil) throws -> [String: String] {
        let text = try Command.output(["fw_printenv", "-c", config ?? directory.appending("fw_env.config")])
        return Dictionary(text.split(separator: "\n").compactMap { line in
            line.firstIndex(of: "=").map { (String(line[..<$0]), String(line[line.index(after: $0)...])) }
        }, uniquingKeysWith: { $1 })
    }

    /// SHA-256 of the first `length` bytes of a slot (its whole device when nil).
    func digest(slot: String, length: UInt64? = nil) throws -> String {
        let device = loops[slot]!
        let count = length.map { ["iflag=count_bytes", "count=\($0)"] } ?? []
        let pipeline = "dd if=\(device) bs=1M status=none \(count.joined(separator: " ")) | sha256sum"
        return String(try Command.output(["sh", "-c", pipeline]).prefix(64))
    }
}

struct FixtureError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
