import FoundationEssentials
import LocalFiles
import Glibc

/// The kernel's binfmt_misc filesystem, and the records the registrars (Kiln, binfmt-support,
/// systemd-binfmt) keep beside it. Paths are parameters so tests can point them at scratch copies.
public struct BinfmtMisc: Sendable {
    public var directory: String
    /// Where Kiln keeps a `KilnRecord` per entry it registered.
    public var recordDirectory: String
    /// binfmt-support's database: one file per entry it manages.
    public var binfmtSupportDirectory: String
    /// systemd-binfmt's configuration directories, in its order of precedence.
    public var systemdDirectories: [String]

    public init(directory: String = "/proc/sys/fs/binfmt_misc", recordDirectory: String = "/run/kiln/binfmt",
                binfmtSupportDirectory: String = "/var/lib/binfmts",
                systemdDirectories: [String] = ["/etc/binfmt.d", "/run/binfmt.d", "/usr/lib/binfmt.d"]) {
        self.directory = directory
        self.recordDirectory = recordDirectory
        self.binfmtSupportDirectory = binfmtSupportDirectory
        self.systemdDirectories = systemdDirectories
    }

    /// Whether binfmt_misc is mounted (its `register` file exists).
    public var isMounted: Bool { access("\(directory)/register", F_OK) == 0 }

    /// Mounts binfmt_misc on `directory`.
    /// - Throws: `EmulationError.system` with mount(2)'s errno. Wraps `mount(2)`.
    public func mount() throws(EmulationError) {
        try systemCall("mount binfmt_misc", directory) { Glibc.mount("binfmt_misc", directory, "binfmt_misc", 0, nil) }
    }

    /// Whether the kernel runs binfmt_misc handlers at all (`status` says `enabled`).
    /// - Throws: `EmulationError.system` when `status` cannot be read.
    public func isEnabled() throws(EmulationError) -> Bool {
        guard let bytes = try readSmallFile("\(directory)/status") else { return false }
        return String(decoding: bytes, as: UTF8.self).hasPrefix("enabled")
    }

    /// Every registered entry, by name.
    /// - Throws: `EmulationError` when the directory or an entry cannot be read or parsed.
    public func entries() throws(EmulationError) -> [BinfmtEntry] {
        var entries: [BinfmtEntry] = []
        for name in try directoryNames(directory) ?? [] where name != "register" && name != "status" {
            // An entry removed between listing and reading is simply gone.
            guard let bytes = try readSmallFile("\(directory)/\(name)") else { continue }
            entries.append(try BinfmtEntry(name: name, text: String(decoding: bytes, as: UTF8.self)))
        }
        return entries
    }

    /// Registers `registration` with the kernel.
    /// - Throws: `EmulationError.system` with write(2)'s errno (EEXIST: the name is taken; ENOENT:
    ///   an F-flag interpreter is missing). Writes `register`.
    public func register(_ registration: BinfmtRegistration) throws(EmulationError) {
        try writeControl(registration.line, to: "\(directory)/register")
    }

    /// Removes the entry `name` from the kernel.
    /// - Throws: `EmulationError.system` with write(2)'s errno. Writes `-1` to the entry's file.
    public func remove(_ name: String) throws(EmulationError) {
        try writeControl("-1", to: "\(directory)/\(name)")
    }

    /// Kiln's record for the entry `name`, if it keeps one.
    /// - Throws: `EmulationError` when the record exists but cannot be read or decoded.
    public func record(named name: String) throws(EmulationError) -> KilnRecord? {
        let path = "\(recordDirectory)/\(name)"
        guard let bytes = try readSmallFile(path) else { return nil }
        do {
            return try JSONDecoder().decode(KilnRecord.self, from: Data(bytes))
        } catch {
            throw .malformedEntry(name: name, reason: "Kiln's record \(path) does not decode: \(error)")
        }
    }

    /// All of Kiln's records.
    /// - Throws: `EmulationError` as `record(named:)`.
    public func records() throws(EmulationError) -> [KilnRecord] {
        var records: [KilnRecord] = []
        for name in try directoryNames(recordDirectory) ?? [] {
            if let record = try record(named: name) { records.append(record) }
        }
        return records
    }

    /// Saves Kiln's record for an entry it registered.
    /// - Throws: `EmulationError.system` when the record cannot be written.
    public func save(_ record: KilnRecord) throws(EmulationError) {
        try makeDirectories(recordDirectory)
        let path = "\(recordDirectory)/\(record.registration.name)"
        let bytes: [UInt8]
        do { bytes = Array(try JSONEncoder().encode(record)) } catch { throw .system(call: "encode", path: path, errno: EINVAL) }
        do {
            try LocalFiles.replace(path, with: bytes)
        } catch {
            throw .system(call: error.operation, path: path, errno: error.errno)
        }
    }

    /// Deletes Kiln's record for the entry `name`.
    /// - Throws: `EmulationError.system` with unlink(2)'s errno (a missing record is fine).
    public func deleteRecord(named name: String) throws(EmulationError) {
        let path = "\(recordDirectory)/\(name)"
        if unlink(path) != 0 && errno != ENOENT { throw .system(call: "unlink", path: path, errno: errno) }
    }

    /// Who registered `entry`: Kiln when its record matches, then binfmt-support, then systemd-binfmt.
    /// - Throws: `EmulationError` when a record or configuration file cannot be read.
    public func owner(of entry: BinfmtEntry) throws(EmulationError) -> BinfmtOwner {
        if let record = try record(named: entry.name), record.registration.describes(entry) { return .kiln }
        if try readSmallFile("\(binfmtSupportDirectory)/\(entry.name)") != nil { return .binfmtSupport }
        for directory in systemdDirectories {
            for file in try directoryNames(directory) ?? [] where file.hasSuffix(".conf") {
                guard let bytes = try readSmallFile("\(directory)/\(file)") else { continue }
                if Self.configuration(String(decoding: bytes, as: UTF8.self), registers: entry) { return .systemdBinfmt }
            }
        }
        return .unknown
    }

    /// Whether a binfmt.d file has a line registering `entry`'s name and interpreter.
    static func configuration(_ text: String, registers entry: BinfmtEntry) -> Bool {
        text.split(separator: "\n").contains { line in
            guard let delimiter = line.first, !line.hasPrefix("#"), !line.hasPrefix(";") else { return false }
            let fields = line.split(separator: delimiter, omittingEmptySubsequences: false)
            return fields.count >= 7 && fields[1] == entry.name && fields[6] == entry.interpreter
        }
    }
}
