import KilnTestSupport
import Testing
@testable import HTTPStream

/// HTTPStream against `Fixtures/range_server.py` on 127.0.0.1: the oracle is the file the server
/// serves, compared byte for byte, and the server's own log of the requests it answered.
@Suite struct HTTPStreamTests {
    static let size = 5 * 1024 * 1024 + 123
    static let dropAfter = 1_000_000

    @Test func readsAWholeBodyWithoutResuming() throws {
        let directory = try TemporaryDirectory(prefix: "kiln-http")
        defer { directory.remove() }
        let body = try SeededBody(size: Self.size, seed: 1, in: directory)
        let server = try RangeServer(serving: body.path, in: directory)
        defer { server.stop() }

        let stream = try HTTPStream(url: server.url())
        let received = try stream.readAll()
        #expect(body.firstDifference(received) == nil)
        #expect(stream.resumes == 0)
        #expect(stream.expectedLength == UInt64(Self.size))
        #expect(stream.bytesDelivered == UInt64(Self.size))
        #expect(server.requests == ["/bundle -"])
        var extra = [UInt8](repeating: 0, count: 16)
        #expect(try stream.read(into: &extra) == 0)
    }

    @Test(arguments: [(1, "fin"), (3, "fin"), (3, "rst")])
    func resumesEachDroppedConnection(drops: Int, dropWith: String) throws {
        let directory = try TemporaryDirectory(prefix: "kiln-http")
        defer { directory.remove() }
        let body = try SeededBody(size: Self.size, seed: 2, in: directory)
        let server = try RangeServer(serving: body.path, in: directory, options: [
            "--drops", "\(drops)", "--drop-after", "\(Self.dropAfter)", "--drop-with", dropWith,
        ])
        defer { server.stop() }

        let stream = try HTTPStream(url: server.url())
        let received = try stream.readAll(chunk: 10_000)
        #expect(body.firstDifference(received) == nil)
        #expect(stream.resumes == drops)
        #expect(server.requests.count == drops + 1)
        let offsets = server.rangeOffsets
        #expect(offsets.count == drops)
        if dropWith == "fin" {
            // An orderly close delivers every byte sent, so each resume starts exactly at a drop.
            #expect(offsets == (1...drops).map { UInt64($0 * Self.dropAfter) })
        }
    }

    @Test func resumesAStalledConnection() throws {
        let directory = try TemporaryDirectory(prefix: "kiln-http")
        defer { directory.remove() }
        let body = try SeededBody(size: 2_000_000, seed: 10, in: directory)
        let server = try RangeServer(serving: body.path, in: directory, options: [
            "--drops", "1", "--drop-after", "500000", "--drop-with", "stall",
        ])
        defer { server.stop() }

        // The server keeps the connection open but silent: only the low-speed timeout can end it.
        // Three seconds, not one: a server process that a busy CI machine leaves unscheduled for a
        // second must not count as a second stall.
        let stream = try HTTPStream(url: server.url(), lowSpeedTimeout: .seconds(3))
        #expect(body.firstDifference(try stream.readAll()) == nil)
        #expect(stream.resumes == 1)
        #expect(server.rangeOffsets == [500_000])
    }

    @Test func followsARedirect() throws {
        let directory = try TemporaryDirectory(prefix: "kiln-http")
        defer { directory.remove() }
        let body = try SeededBody(size: 300_000, seed: 3, in: directory)
        let server = try RangeServer(serving: body.path, in: directory)
        defer { server.stop() }

        let stream = try HTTPStream(url: server.url("/redirect"))
        #expect(body.firstDifference(try stream.readAll()) == nil)
        #expect(server.requests == ["/redirect -", "/bundle -"])
    }

    @Test func skipsTheDeliveredBytesWhenTheServerIgnoresRange() throws {
        let directory = try TemporaryDirectory(prefix: "kiln-http")
        defer { directory.remove() }
        let body = try SeededBody(size: Self.size, seed: 4, in: directory)
        let server = try RangeServer(serving: body.path, in: directory, options: [
            "--drops", "2", "--drop-after", "\(Self.dropAfter)", "--ignore-range",
        ])
        defer { server.stop() }

        let stream = try HTTPStream(url: server.url())
        #expect(body.firstDifference(try stream.readAll()) == nil)
        #expect(stream.resumes == 2)
        // Each 200 restarted from byte 0; the second drop happened 1 MB into that, before the skip ended.
        #expect(server.rangeOffsets == [UInt64(Self.dropAfter), UInt64(Self.dropAfter)])
    }

    @Test func rejectsAResumeOfAResourceThatChanged() throws {
        let directory = try TemporaryDirectory(prefix: "kiln-http")
        defer { directory.remove() }
        let body = try SeededBody(size: Self.size, seed: 5, in: directory)
        let server = try RangeServer(serving: body.path, in: directory, options: [
            "--drops", "1", "--drop-after", "\(Self.dropAfter)", "--ignore-range", "--changing-etag",
        ])
        defer { server.stop() }

        let stream = try HTTPStream(url: server.url())
        let error = #expect(throws: HTTPError.self) { try stream.readAll() }
        guard case let .resumeRejected(url, reason)? = error else {
            Issue.record("expected resumeRejected, got \(String(describing: error))")
            return
        }
        #expect(url == server.url())
        #expect(reason.contains("ETag"))
        #expect(stream.bytesDelivered == UInt64(Self.dropAfter))  // everything before the drop, then the error
    }
}
