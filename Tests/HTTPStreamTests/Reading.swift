@testable import HTTPStream

extension HTTPStream {
    /// Reads the whole body in `chunk`-sized pieces.
    func readAll(chunk: Int = 64 * 1024) throws -> [UInt8] {
        var result = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: chunk)
        while true {
            let count = try read(into: &buffer)
            if count == 0 { return result }
            result += buffer[..<count]
        }
    }

    /// `read(into:)` for an array (Array's `withUnsafeMutableBytes` only rethrows untyped errors).
    func read(into buffer: inout [UInt8]) throws -> Int {
        try buffer.withUnsafeMutableBytes { try read(into: $0) }
    }
}
