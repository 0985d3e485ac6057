import Glibc
import KilnTestSupport
import Testing
@testable import HTTPStream

/// How HTTPStream fails: every error names the URL and what went wrong.
@Suite struct HTTPStreamFailureTests {
    @Test func namesTheURLAndStatusOfA404() throws {
        let directory = try TemporaryDirectory(prefix: "kiln-http")
        defer { directory.remove() }
        let body = try SeededBody(size: 1000, seed: 6, in: directory)
        let server = try RangeServer(serving: body.path, in: directory)
        defer { server.stop() }

        let url = server.url("/missing")
        let stream = try HTTPStream(url: url)
        let error = #expect(throws: HTTPError.self) { try stream.readAll() }
        #expect(error == .status(url: url, status: 404))
        #expect(error?.description.contains(url) == true)
        #expect(error?.description.contains("404") == true)
        // The failure sticks: a later read reports it again instead of a short body.
        #expect(throws: HTTPError.status(url: url, status: 404)) { try stream.readAll() }
    }

    @Test func reportsARefusedConnection() throws {
        // A port held by a socket that is bound but not listening: connections to it are refused,
        // and no server another test starts meanwhile can take it. Nothing is resumed for a refusal.
        let port = try Self.boundPort()
        defer { close(port.socket) }
        let url = "http://127.0.0.1:\(port.number)/bundle"
        let stream = try HTTPStream(url: url)
        let error = #expect(throws: HTTPError.self) { try stream.readAll() }
        guard case let .transfer(failedURL, message, code)? = error else {
            Issue.record("expected a transfer error, got \(String(describing: error))")
            return
        }
        #expect(failedURL == url)
        #expect(code == 7)  // CURLE_COULDNT_CONNECT
        #expect(message.contains("127.0.0.1"))
        #expect(stream.resumes == 0)
    }

    @Test func givesUpAfterMaxResumes() throws {
        let directory = try TemporaryDirectory(prefix: "kiln-http")
        defer { directory.remove() }
        let body = try SeededBody(size: 2_000_000, seed: 7, in: directory)
        let server = try RangeServer(serving: body.path, in: directory, options: [
            "--drops", "3", "--drop-after", "300000",
        ])
        defer { server.stop() }

        let stream = try HTTPStream(url: server.url(), maxResumes: 2)
        let error = #expect(throws: HTTPError.self) { try stream.readAll() }
        guard case let .resumesExhausted(url, resumes, _)? = error else {
            Issue.record("expected resumesExhausted, got \(String(describing: error))")
            return
        }
        #expect(url == server.url())
        #expect(resumes == 2)
        #expect(stream.resumes == 2)
        #expect(server.requests.count == 3)
        #expect(stream.bytesDelivered == 900_000)
    }

    @Test func refusesOtherSchemes() {
        #expect(throws: HTTPError.unsupportedURL(url: "ftp://127.0.0.1/bundle")) {
            try HTTPStream(url: "ftp://127.0.0.1/bundle")
        }
        #expect(throws: HTTPError.unsupportedURL(url: "/tmp/bundle")) { try HTTPStream(url: "/tmp/bundle") }
    }

    /// A loopback TCP port bound by a socket of this test that never listens.
    static func boundPort() throws -> (socket: Int32, number: UInt16) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0
            }
        }
        try #require(fd >= 0 && bound, "cannot bind a loopback port: errno \(errno)")
        return (fd, UInt16(bigEndian: address.sin_port))
    }
}
