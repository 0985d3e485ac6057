import Foundation

/// A `qemu-system-*` process whose serial console is its standard output (`-nographic` or `-serial stdio`),
/// for tests that boot a kernel or a whole image and watch the console. The process is killed on `kill()` or
/// deinit, so a test that fails mid-boot leaves no QEMU behind.
public final class QEMUMachine {
    /// How long a test lets one boot, firmware to the marker it waits for, take before it fails.
    /// Generous: guests are emulated, and a CI machine also runs QEMU guests of other suites.
    /// It costs time only when a boot hangs.
    public static let bootTimeout: TimeInterval = 240

    public let arguments: [String]
    private let process = Process()
    private let console: ConsoleLog
    private let input = Pipe()

    /// Starts `executable arguments...` (looked up on PATH); `send(_:)` types on its standard input.
    /// - Throws: what `Process.run` throws when the program cannot start.
    public init(_ arguments: [String], executable: String = "qemu-system-aarch64") throws {
        self.arguments = arguments
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [executable] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        process.standardInput = input
        // A send() after QEMU exited must fail as an error, not kill the test runner with SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        try process.run()
        console = ConsoleLog(reading: output.fileHandleForReading)
    }

    deinit { kill() }

    /// Everything the machine printed so far (serial console and QEMU's own messages).
    public var output: String { console.text }

    /// Waits until `marker` appears on the console; false when the time is up or the machine stopped first.
    public func waitFor(_ marker: String, timeout seconds: TimeInterval) -> Bool {
        console.wait(until: Date(timeIntervalSinceNow: seconds)) { $0.contains(marker) }
    }

    /// Types `text` on the console (QEMU's standard input), e.g. a command for a shell or U-Boot's prompt.
    /// - Throws: what writing to the pipe throws once QEMU has exited.
    public func send(_ text: String) throws {
        try input.fileHandleForWriting.write(contentsOf: Data(text.utf8))
    }

    /// Waits for QEMU to exit by itself (e.g. after `poweroff -f` with `-no-reboot`) and returns its
    /// exit status, or nil when it is still running at the deadline.
    public func waitForExit(timeout seconds: TimeInterval) -> Int32? {
        let deadline = Date(timeIntervalSinceNow: seconds)
        guard console.waitForEnd(until: deadline) else { return nil }
        // The console closes when QEMU exits; the status follows a moment later.
        while process.isRunning {
            guard Date() < deadline else { return nil }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return process.terminationStatus
    }

    /// Kills QEMU (SIGKILL: a guest that hangs must not hold the test) and reaps it.
    public func kill() {
        guard process.isRunning else { return }
        Foundation.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}
