import Glibc

extension LocalFiles {
    /// Calls `body` with each line of the file (without its `\n`), in order, until it returns
    /// `false`; `size` first learns the file's size (for reserving what the lines become).
    ///
    /// The file is read in 64 KiB chunks into one buffer, so a 100,000-line file costs 64 KiB
    /// of memory instead of its size; a line longer than the buffer grows it.
    /// - Throws: `FileError`. (`open`, `fstat`, `read`)
    public static func readLines(_ path: String, size: (Int) -> Void = { _ in },
                                 _ body: (UnsafeBufferPointer<UInt8>) -> Bool) throws(FileError) {
        let input = try FileInput(path)
        size(input.size)
        var buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: 64 * 1024)
        defer { buffer.deallocate() }
        var filled = 0
        var atEnd = false
        while !atEnd {
            if filled == buffer.count { buffer = grown(buffer) }
            let count = try input.read(into: UnsafeMutableRawBufferPointer(rebasing: UnsafeMutableRawBufferPointer(buffer)[filled...]))
            atEnd = count == 0
            filled += count
            // Every complete line in the buffer; at the end of the file the rest is the last line.
            var start = 0
            while start < filled {
                let newline = memchr(buffer.baseAddress! + start, 0x0A, filled - start)
                guard let end = newline.map({ $0.assumingMemoryBound(to: UInt8.self) - buffer.baseAddress! }) ?? (atEnd ? filled : nil)
                else { break }
                if !body(UnsafeBufferPointer(rebasing: buffer[start..<end])) { return }
                start = end + 1
            }
            // The incomplete line moves to the front.
            let rest = max(filled - start, 0)
            if rest > 0 && start > 0 { memmove(buffer.baseAddress!, buffer.baseAddress! + start, rest) }
            filled = rest
        }
    }

    /// A buffer twice the size holding the same bytes; the old one is freed.
    private static func grown(_ buffer: UnsafeMutableBufferPointer<UInt8>) -> UnsafeMutableBufferPointer<UInt8> {
        let larger = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: buffer.count * 2)
        _ = larger.initialize(from: buffer)
        buffer.deallocate()
        return larger
    }
}
