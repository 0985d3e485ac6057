import FoundationEssentials
import Glibc
import Spawn

/// Whether an architecture's programs run on this host right now, found by running `ProbeProgram`.
public struct EmulationProbe: Sendable, Equatable, Codable {
    public var architecture: EmulatedArchitecture
    public var works: Bool
    /// Why not, when it does not (the exec error or the unexpected status).
    public var detail: String?

    public init(architecture: EmulatedArchitecture, works: Bool, detail: String?) {
        self.architecture = architecture
        self.works = works
        self.detail = detail
    }

    /// Writes the probe program to a temporary file and runs it.
    /// - Throws: `EmulationError.system` when the temporary file cannot be written.
    public static func run(_ architecture: EmulatedArchitecture) throws(EmulationError) -> EmulationProbe {
        // $TMPDIR first: /tmp may be mounted noexec, which would read as "emulation broken".
        let temporary = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        let path = "\(temporary)/kiln-probe-\(architecture.rawValue)-\(getpid())"
        let data = Data(ProbeProgram.bytes(for: architecture))
        guard FileManager.default.createFile(atPath: path, contents: data, attributes: [.posixPermissions: 0o755]) else {
            throw .system(call: "create", path: path, errno: errno)
        }
        defer { unlink(path) }
        let termination: Termination
        do {
            termination = try ChildProcess(path, output: .null, error: .null).wait()
        } catch {
            return EmulationProbe(architecture: architecture, works: false,
                                  detail: error.call == "posix_spawn" ? errorText(error.errno) : "\(error)")
        }
        if termination == .exited(ProbeProgram.exitStatus) {
            return EmulationProbe(architecture: architecture, works: true, detail: nil)
        }
        return EmulationProbe(architecture: architecture, works: false, detail: "the probe \(termination), not \(ProbeProgram.exitStatus)")
    }
}
