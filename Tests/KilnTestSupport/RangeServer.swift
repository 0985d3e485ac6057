import Foundation

/// `Fixtures/range_server.py` (an HTTP server with Range support that can drop connections on purpose) serving a file on 127.0.0.1, stopped by `stop()` or deinit;
/// the script also exits by itself when the test process dies.
public final class RangeServer {
    public let port: Int
    /// The requests the server saw, one "<path> <Range header or ->" line each.
    public var requests: [String] {
        ((try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }
    private let process = Process()
    private let logPath: String

    /// Starts the server on `file` in `directory` with the script's extra `options`.
    public init(serving file: String, in directory: TemporaryDirectory, options: [String] = []) throws {
        logPath = directory.appending("requests.log")
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/range_server.py").path
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script, "--file", file, "--log", logPath] + options
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let more = output.fileHandleForReading.availableData
            if more.isEmpty { break }
            line.append(more)
        }
        guard let port = Int(String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) else {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            throw CocoaError(.fileReadCorruptFile, userInfo: [NSLocalizedDescriptionKey: "range_server.py printed no port"])
        }
        self.port = port
    }

    /// `http://127.0.0.1:<port><path>`.
    public func url(_ path: String = "/bundle") -> String { "http://127.0.0.1:\(port)\(path)" }

    /// The byte offsets of the Range requests seen, in order.
    public var rangeOffsets: [UInt64] {
        requests.compactMap { line in
            line.split(separator: " ").last.flatMap { $0.hasPrefix("bytes=") ? UInt64($0.dropFirst(6).dropLast()) : nil }
        }
    }

    public func stop() {
        guard process.isRunning else { return }
        // SIGKILL: a child spawned from a dispatch worker thread inherits its blocked SIGTERM.
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    deinit { stop() }
}
