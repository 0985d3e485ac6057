import Foundation
import Glibc

extension RootfsBuild {
    /// Runs mmdebstrap. With `inheritOutput` its progress goes straight to Kiln's terminal; without,
    /// its messages are collected and the last of them explain a failure.
    /// - Throws: `EmulationError.toolFailed` with mmdebstrap's status and its error lines; a failed
    ///   build leaves no output file behind.
    public func run(inheritOutput: Bool) throws(EmulationError) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.findMmdebstrap() ?? "/usr/bin/mmdebstrap")
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        let errors = Pipe()
        if !inheritOutput {
            process.standardOutput = FileHandle.nullDevice
            process.standardError = errors
        }
        do {
            try process.run()
        } catch {
            throw .toolFailed(tool: "mmdebstrap", status: 127, message: "\(error)")
        }
        errors.fileHandleForWriting.closeFile()
        let collected = inheritOutput ? Data() : errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            unlink(request.output)
            let status = process.terminationReason == .exit ? process.terminationStatus : 128 + process.terminationStatus
            throw .toolFailed(tool: "mmdebstrap", status: status, message: Self.explanation(collected))
        }
    }

    /// mmdebstrap's `E:` lines (its errors) with those of `kiln` in customize hooks, else its last lines.
    static func explanation(_ output: Data) -> String {
        let lines = String(decoding: output, as: UTF8.self).split(separator: "\n").map(String.init)
        let errors = lines.filter { $0.hasPrefix("E: ") || $0.hasPrefix("kiln: ") }
        return (errors.isEmpty ? Array(lines.suffix(5)) : errors).joined(separator: "\n")
    }
}
