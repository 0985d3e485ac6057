import Foundation

/// Everything a machine wrote to its serial console, filled by a reader thread and waited on by the test.
final class ConsoleLog: @unchecked Sendable {
    // Both guarded by `condition`.
    private var data = Data()
    private var closed = false
    private let condition = NSCondition()

    /// Starts a thread that appends what `handle` yields until end-of-file.
    init(reading handle: FileHandle) {
        Thread.detachNewThread { [self] in
            while true {
                let chunk = handle.availableData
                condition.lock()
                if chunk.isEmpty { closed = true } else { data.append(chunk) }
                condition.broadcast()
                condition.unlock()
                if chunk.isEmpty { return }
            }
        }
    }

    /// The console output so far, decoded as UTF-8 (invalid bytes replaced).
    var text: String {
        condition.lock()
        defer { condition.unlock() }
        return String(decoding: data, as: UTF8.self)
    }

    /// Waits until `done` holds for the text so far or the output ends, at most until `deadline`.
    /// Returns whether `done` held.
    func wait(until deadline: Date, for done: (String) -> Bool) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while true {
            if done(String(decoding: data, as: UTF8.self)) { return true }
            if closed || !condition.wait(until: deadline) { return done(String(decoding: data, as: UTF8.self)) }
        }
    }

    /// Waits until the output ends (the process exited and closed its end), at most until `deadline`.
    func waitForEnd(until deadline: Date) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while !closed {
            if !condition.wait(until: deadline) { return closed }
        }
        return true
    }
}
