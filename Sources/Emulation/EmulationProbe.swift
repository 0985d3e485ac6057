import Foundation

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
        let path = "\(NSTemporaryDirectory())/kiln-probe-\(architecture.rawValue)-\(getpid())"
        let data = Data(ProbeProgram.bytes(for: architecture))
        guard FileManager.default.createFile(atPath: path, contents: data, attributes: [.posixPermissions: 0o755]) else {
            throw .system(call: "create", path: path, errno: errno)
        }
        defer { unlink(path) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            let code = Int32((error as NSError).code)
            let underlying = ((error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError).map { Int32($0.code) } ?? code
            return EmulationProbe(architecture: architecture, works: false, detail: errorText(underlying))
        }
        process.waitUntilExit()
        let status = process.terminationStatus
        if process.terminationReason == .exit && status == ProbeProgram.exitStatus {
            return EmulationProbe(architecture: architecture, works: true, detail: nil)
        }
        let how = process.terminationReason == .exit ? "exited with status \(status)" : "was killed by signal \(status)"
        return EmulationProbe(architecture: architecture, works: false, detail: "the probe \(how), not \(ProbeProgram.exitStatus)")
    }
}
