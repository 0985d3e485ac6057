/// Turns byte offsets into line and column numbers.
///
/// The parser works on UTF-8 bytes and only asks for a position when it records a key, a
/// value or an error. Those requests come in increasing order, so the last answer is cached
/// and the next column is counted from there: a 100,000-element array on one line costs one
/// pass over that line rather than one pass per element.
struct LineIndex {
    private let bytes: UnsafeBufferPointer<UInt8>
    private let lineStarts: [Int]
    private var cachedLine = 0
    private var cachedOffset = 0
    private var cachedColumn = 1

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        var starts = [0]
        var offset = 0
        while offset < bytes.count {
            if bytes[offset] == .lineFeed { starts.append(offset + 1) }
            offset += 1
        }
        lineStarts = starts
    }

    mutating func position(of offset: Int) -> SourcePosition {
        let line = lineContaining(offset)
        var from = lineStarts[line]
        var column = 1
        if line == cachedLine && offset >= cachedOffset {
            from = cachedOffset
            column = cachedColumn
        }
        var cursor = from
        while cursor < offset {
            // Continuation bytes (10xxxxxx) belong to the scalar already counted.
            if bytes[cursor] & 0xC0 != 0x80 { column += 1 }
            cursor += 1
        }
        cachedLine = line
        cachedOffset = offset
        cachedColumn = column
        return SourcePosition(line: line + 1, column: column)
    }

    private func lineContaining(_ offset: Int) -> Int {
        if contains(offset, line: cachedLine) { return cachedLine }
        if cachedLine + 1 < lineStarts.count && contains(offset, line: cachedLine + 1) {
            return cachedLine + 1
        }
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        return low
    }

    private func contains(_ offset: Int, line: Int) -> Bool {
        lineStarts[line] <= offset && (line + 1 == lineStarts.count || offset < lineStarts[line + 1])
    }
}
