import Foundation
import KilnTestSupport
import Digest
import Sodium
import Testing

/// BLAKE2b and SHA-256 against coreutils' `b2sum` and `sha256sum` over the same bytes, fed in odd pieces.
@Suite struct DigestTests {
    static let sizes = [0, 1, 63, 64, 65, 127, 128, 129, 1000, 65_536 + 17, 1_048_576 + 3]

    @Test(arguments: sizes) func blake2bMatchesB2sum(size: Int) throws {
        let data = try Sodium.randomBytes(size)
        let directory = try TemporaryDirectory()
        let file = directory.appending("data")
        try Data(data).write(to: URL(fileURLWithPath: file))
        for length in [32, 64] {
            let hasher = try BLAKE2b(outputLength: length)
            for piece in pieces(data) { hasher.update(piece) }
            let expected = try Command.output(["b2sum", "-l", "\(length * 8)", file]).prefix { $0 != " " }
            #expect(hasher.finalize().hexString == String(expected))
        }
    }

    @Test(arguments: sizes) func sha256MatchesSha256sum(size: Int) throws {
        let data = try Sodium.randomBytes(size)
        let directory = try TemporaryDirectory()
        let file = directory.appending("data")
        try Data(data).write(to: URL(fileURLWithPath: file))
        let hasher = try SHA256()
        for piece in pieces(data) { hasher.update(piece) }
        let expected = try Command.output(["sha256sum", file]).prefix { $0 != " " }
        #expect(hasher.finalize().hexString == String(expected))
        #expect(try SHA256.hash(data) == SHA256.hash(data))
    }

    @Test func blake2bRejectsUnsupportedLengths() {
        #expect(throws: SodiumError.self) { try BLAKE2b(outputLength: 8) }
        #expect(throws: SodiumError.self) { try BLAKE2b(outputLength: 65) }
    }

    /// Splits into pieces of growing, odd sizes so block boundaries fall everywhere.
    private func pieces(_ data: [UInt8]) -> [[UInt8]] {
        var result: [[UInt8]] = [], start = 0, size = 1
        while start < data.count {
            let end = min(data.count, start + size)
            result.append(Array(data[start..<end]))
            start = end
            size = size * 3 + 1
        }
        return result
    }
}
