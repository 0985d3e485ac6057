import Foundation
import KilnTestSupport

/// A deterministic pseudo-random body (SplitMix64), written to a file for the server.
struct SeededBody {
    let bytes: [UInt8]
    let path: String

    init(size: Int, seed: UInt64, in directory: TemporaryDirectory) throws {
        var state = seed
        var bytes = [UInt8]()
        bytes.reserveCapacity(size)
        while bytes.count < size {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            z ^= z >> 31
            withUnsafeBytes(of: z.littleEndian) { bytes.append(contentsOf: $0.prefix(size - bytes.count)) }
        }
        self.bytes = bytes
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
