import Foundation
import KilnTestSupport

/// A deterministic pseudo-random body (SplitMix64), written to a file for the server.
struct SeededBody {
    let bytes: [UInt8]
    let path: String

    init(size: Int, seed: UInt64, in directory: TemporaryDirectory) throws {
        var generator = SeededGenerator(seed: seed)
        self.bytes = generator.bytes(size)
        path = directory.appending("bundle")
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    /// The first index where `other` differs from the body (or the shorter length), nil when equal.
    func firstDifference(_ other: [UInt8]) -> Int? {
        if bytes == other { return nil }
        return zip(bytes, other).enumerated().first { $0.element.0 != $0.element.1 }?.offset
            ?? min(bytes.count, other.count)
    }
}
