import FoundationEssentials
import Glibc
import Spawn

extension RootfsBuild {
    /// Runs mmdebstrap. With `inheritOutput` its progress goes straight to Kiln's terminal; without,
    /// its messages are collected and the last of them explain a failure.
    /// - Throws: `EmulationError.toolFailed` with mmdebstrap's status and its error lines; a failed
    ///   build leaves no output file behind.
    public func run(inheritOutput: Bool) throws(EmulationError) {
        let collected: [UInt8], termination: Termination
        do {
            let process = try ChildProcess(Self.findMmdebstrap() ?? "/usr/bin/mmdebstrap", arguments: arguments,
                                           output: inheritOutput ? .inherit : .null, error: inheritOutput ? .inherit : .pipe)
            collected = try process.readOutput()
            termination = try process.wait()
        } catch {
            unlink(request.output)
            throw .toolFailed(tool: "mmdebstrap", status: 127, message: "\(error)")
        }
        guard termination.succeeded else {
            unlink(request.output)
            throw .toolFailed(tool: "mmdebstrap", status: termination.shellStatus, message: Self.explanation(collected))
        }
    }

    /// mmdebstrap's `E:` lines (its errors) with those of `kiln` in customize hooks, else its last lines.
    static func explanation(_ output: [UInt8]) -> String {
        let lines = String(decoding: output, as: UTF8.self).split(separator: "\n").map(String.init)
        let errors = lines.filter { $0.hasPrefix("E: ") || $0.hasPrefix("kiln: ") }
        return (errors.isEmpty ? Array(lines.suffix(5)) : errors).joined(separator: "\n")
    }
}
