import FoundationEssentials
import Glibc

/// The last install's outcome, kept in the data directory for `kiln ota status`.
public struct InstallRecord: Codable, Sendable, Equatable {
    public enum Result: String, Codable, Sendable { case success, failure }
    public var result: Result
    /// Where the bundle came from.
    public var bundle: String
    public var slot: String?
    public var version: String?
    /// Why it failed.
    public var error: String?
    /// Seconds since the epoch.
    public var time: Int64

    public init(result: Result, bundle: String, slot: String?, version: String?, error: String?, time: Int64) {
        self.result = result
        self.bundle = bundle
        self.slot = slot
        self.version = version
        self.error = error
        self.time = time
    }

    static func path(in directory: String) -> String { "\(directory)/last-install.json" }

    /// The record in `directory`, nil when there is none (or it cannot be read: status must still work).
    public static func load(from directory: String) -> InstallRecord? {
        guard let bytes = try? LocalFile.read(path(in: directory)) else { return nil }
        return try? JSONDecoder().decode(InstallRecord.self, from: Data(bytes))
    }

    /// Replaces the record atomically.
    func save(in directory: String) throws(OTAError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        let data: Data
        do { data = try encoder.encode(self) } catch { throw .io(path: Self.path(in: directory), operation: "encode", errno: EINVAL) }
        try LocalFile.replace(Self.path(in: directory), with: Array(data) + [0x0A])
    }
}
