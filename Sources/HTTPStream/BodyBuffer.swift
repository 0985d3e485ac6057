/// Body bytes received but not yet read, bounded so memory does not grow with the body.
///
/// The bound is soft by one write-callback chunk (at most `CURL_MAX_WRITE_SIZE`, 16 KiB): libcurl
/// must take a chunk whole or pause, so a chunk is accepted while the buffer is below the limit.
struct BodyBuffer {
    let limit: Int
    private var storage: [UInt8] = []
    private var start = 0
    /// The most unread bytes ever held, for tests that check the bound.
    private(set) var highWater = 0

    init(limit: Int) { self.limit = limit }

    var count: Int { storage.count - start }
    var isEmpty: Bool { count == 0 }
    var isFull: Bool { count >= limit }

    /// Appends `chunk`; the caller checks `isFull` first and pauses the transfer instead.
    mutating func append(_ chunk: UnsafeRawBufferPointer) {
        // Compact only when the read prefix is in the way, so storage stays near limit + chunk.
        if start > 0, storage.count + chunk.count > limit {
            storage.removeSubrange(0..<start)
            start = 0
        }
        storage.append(contentsOf: chunk)
        highWater = max(highWater, count)
    }

    /// Moves up to `destination.count` bytes out; returns how many.
    mutating func drain(into destination: UnsafeMutableRawBufferPointer) -> Int {
        let moved = min(count, destination.count)
        storage.withUnsafeBytes { bytes in
            destination.copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[start..<start + moved]))
        }
        start += moved
        if start == storage.count {
            storage.removeAll(keepingCapacity: true)
            start = 0
        }
        return moved
    }
}
