import Foundation

/// Reads a pipe to its end on a background thread, so a child process writing to two pipes
/// cannot block on the one the parent is not reading yet.
final class CollectedOutput: @unchecked Sendable {
    // Guarded by `done`: written once by the reader thread before it signals.
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        Thread.detachNewThread { [self] in
            data = handle.readDataToEndOfFile()
            done.signal()
        }
    }

    /// Waits for end-of-file and returns what was read, decoded as UTF-8.
    func text() -> String {
        done.wait()
        return String(decoding: data, as: UTF8.self)
    }
}
