import Emulation
import Foundation
import Glibc

/// The host's binfmt_misc as a test found it (mount, entries, Kiln's records), put back by `restore()`
/// whatever the test did, so CI machines keep their emulation exactly as they had it.
final class BinfmtSnapshot {
    let binfmt = BinfmtMisc()
    private let wasMounted: Bool
    private let entries: [BinfmtEntry]
    private let records: [String: Data]
    private let hadRecordDirectory: Bool

    init() throws {
        wasMounted = binfmt.isMounted
        entries = wasMounted ? try binfmt.entries() : []
        var records: [String: Data] = [:]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: binfmt.recordDirectory)) ?? [] {
            records[name] = try Data(contentsOf: URL(fileURLWithPath: "\(binfmt.recordDirectory)/\(name)"))
        }
        self.records = records
        hadRecordDirectory = FileManager.default.fileExists(atPath: binfmt.recordDirectory)
        if !wasMounted { try binfmt.mount() }
    }

    /// Removes every entry that was not there (or differs), registers again what is missing, restores the records.
    func restore() {
        if let current = try? binfmt.entries() {
            for entry in current where !entries.contains(entry) { try? binfmt.remove(entry.name) }
        }
        let remaining = (try? binfmt.entries()) ?? []
        for entry in entries where !remaining.contains(entry) {
            try? binfmt.register(BinfmtRegistration(entry: entry))
            if !entry.enabled { try? "0".write(toFile: "\(binfmt.directory)/\(entry.name)", atomically: false, encoding: .utf8) }
        }
        for name in (try? FileManager.default.contentsOfDirectory(atPath: binfmt.recordDirectory)) ?? [] where records[name] == nil {
            try? FileManager.default.removeItem(atPath: "\(binfmt.recordDirectory)/\(name)")
        }
        for (name, data) in records { try? data.write(to: URL(fileURLWithPath: "\(binfmt.recordDirectory)/\(name)")) }
        if !hadRecordDirectory { rmdir(binfmt.recordDirectory) }
        // On this kernel an unmount also drops every entry, which is how an unmounted host had it.
        if !wasMounted { umount(binfmt.directory) }
    }

    /// Whether binfmt_misc now holds exactly the entries it held when the snapshot was taken.
    var isRestored: Bool { ((try? binfmt.entries()) ?? []) == entries }

    /// Removes every entry that handles aarch64 or arm binaries, so a test starts from none (restore() brings them back).
    func clearEmulation() throws {
        for entry in try binfmt.entries() where EmulatedArchitecture.allCases.contains(where: entry.handles) {
            try binfmt.remove(entry.name)
        }
        for name in (try? FileManager.default.contentsOfDirectory(atPath: binfmt.recordDirectory)) ?? [] {
            try FileManager.default.removeItem(atPath: "\(binfmt.recordDirectory)/\(name)")
        }
    }
}
