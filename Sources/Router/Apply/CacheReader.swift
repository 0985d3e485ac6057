import LocalFiles

/// Where a range cache is decoded from: fills a buffer completely, or fails.
protocol CacheSource: ~Copyable {
    mutating func fill(_ buffer: UnsafeMutableRawBufferPointer) -> Bool
    /// How many bytes are left to read.
    var remaining: Int { get }
}

/// A cache held in memory.
struct ByteSource: CacheSource {
    let bytes: [UInt8]
    var offset = 0
    var remaining: Int { bytes.count - offset }

    mutating func fill(_ buffer: UnsafeMutableRawBufferPointer) -> Bool {
        guard buffer.count <= bytes.count - offset else { return false }
        bytes.withUnsafeBytes { buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[offset..<offset + buffer.count])) }
        offset += buffer.count
        return true
    }
}

/// A cache file, read in pieces.
struct FileSource: CacheSource, ~Copyable {
    let input: FileInput
    var consumed = 0
    var remaining: Int { input.size - consumed }

    mutating func fill(_ buffer: UnsafeMutableRawBufferPointer) -> Bool {
        guard (try? input.fill(buffer)) == true else { return false }
        consumed += buffer.count
        return true
    }
}

/// Reads little-endian integers, byte runs and range lists from a source, `nil` past its end.
struct CacheReader<Source: CacheSource & ~Copyable>: ~Copyable {
    var source: Source

    mutating func take(_ count: Int) -> [UInt8]? {
        // A length the rest of the source cannot hold is damage: refused before allocating it.
        guard count >= 0, count <= source.remaining else { return nil }
        var bytes = [UInt8](repeating: 0, count: count)
        return bytes.withUnsafeMutableBytes { source.fill($0) } ? bytes : nil
    }

    mutating func integer<T: FixedWidthInteger>() -> T? {
        var value = T.zero
        return withUnsafeMutableBytes(of: &value) { source.fill($0) } ? T(littleEndian: value) : nil
    }

    /// `count` ranges, each after the previous one with a gap (as merged ranges are), read in
    /// chunks straight into the list: the list is the only memory a large set costs here.
    mutating func ranges<Key: FixedWidthInteger>(_ count: Int, _: Key.Type) -> [ClosedRange<Key>]? {
        // A count the rest of the file cannot hold is damage: refused before reserving memory for it.
        guard count >= 0, count <= source.remaining / (2 * MemoryLayout<Key>.size) else { return nil }
        let chunk = UnsafeMutableBufferPointer<Key>.allocate(capacity: 2 * 4096)
        defer { chunk.deallocate() }
        var list: [ClosedRange<Key>] = []
        list.reserveCapacity(count)
        while list.count < count {
            let pairs = min(4096, count - list.count)
            guard source.fill(UnsafeMutableRawBufferPointer(rebasing: UnsafeMutableRawBufferPointer(chunk)[..<(pairs * 2 * MemoryLayout<Key>.size)]))
            else { return nil }
            for pair in 0..<pairs {
                let first = Key(littleEndian: chunk[2 * pair]), last = Key(littleEndian: chunk[2 * pair + 1])
                guard first <= last else { return nil }
                if let previous = list.last, previous.upperBound == Key.max || first <= previous.upperBound + 1 { return nil }
                list.append(first...last)
            }
        }
        return list
    }
}
