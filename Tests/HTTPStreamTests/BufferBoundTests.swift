import KilnTestSupport
import Testing
@testable import HTTPStream

/// Memory stays bounded whatever the body size: checked by the buffer's high-water mark while
/// the test reads slowly on purpose, filling the buffer to its pause point between small reads.
@Suite struct BufferBoundTests {
    @Test func pausesTheTransferAtTheBufferLimit() throws {
        let directory = try TemporaryDirectory(prefix: "kiln-http")
        defer { directory.remove() }
        let body = try SeededBody(size: 4 * 1024 * 1024, seed: 8, in: directory)
        let server = try RangeServer(serving: body.path, in: directory, options: [
            "--drops", "1", "--drop-after", "1500000",
        ])
        defer { server.stop() }

        let limit = 64 * 1024
        let stream = try HTTPStream(url: server.url(), maxResumes: 5, connectTimeout: .seconds(30),
                                    lowSpeedTimeout: .seconds(60), bufferLimit: limit)
        var received = [UInt8]()
        var piece = [UInt8](repeating: 0, count: 4096)
        var fills = 0
        for reads in 0... {
            // Every 8 small reads, let the transfer run until the body callback pauses.
            if reads % 8 == 0 {
                try stream.fillBuffer()
                fills += 1
            }
            let count = try stream.read(into: &piece)
            if count == 0 { break }
            received += piece[..<count]
        }
        #expect(body.firstDifference(received) == nil)
        #expect(stream.resumes == 1)
        #expect(fills > 100)
        // Filling stops only when the body callback paused, so the limit was reached ...
        #expect(stream.bufferHighWater >= limit)
        // ... and never exceeded by more than one callback chunk (CURL_MAX_WRITE_SIZE).
        #expect(stream.bufferHighWater <= limit + 16 * 1024)
    }
}
