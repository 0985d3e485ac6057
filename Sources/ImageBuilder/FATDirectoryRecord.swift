/// A 32-byte short directory entry: a file, a directory, `.`/`..`, or the volume label.
struct FATDirectoryRecord: Sendable, Equatable {
    static let size = 32
    static let directory: UInt8 = 0x10
    static let archive: UInt8 = 0x20
    static let volumeLabel: UInt8 = 0x08
    /// The first name byte of a deleted entry.
    static let deleted: UInt8 = 0xE5

    var name: FATShortName
    var attributes: UInt8
    var timestamp: FATTimestamp
    var firstCluster: UInt32
    var size: UInt32

    var isDirectory: Bool { attributes & Self.directory != 0 }

    func encoded() -> [UInt8] {
        var entry = name.bytes
        entry += [attributes, name.caseFlags, 0]
        entry += Self.littleEndian(timestamp.time, 2) + Self.littleEndian(timestamp.date, 2)  // created
        entry += Self.littleEndian(timestamp.date, 2)  // last accessed
        entry += Self.littleEndian(firstCluster >> 16, 2)
        entry += Self.littleEndian(timestamp.time, 2) + Self.littleEndian(timestamp.date, 2)  // modified
        entry += Self.littleEndian(firstCluster & 0xFFFF, 2)
        entry += Self.littleEndian(size, 4)
        return entry
    }

    init(name: FATShortName, attributes: UInt8, timestamp: FATTimestamp, firstCluster: UInt32, size: UInt32) {
        self.name = name
        self.attributes = attributes
        self.timestamp = timestamp
        self.firstCluster = firstCluster
        self.size = size
    }

    init(decoding entry: ArraySlice<UInt8>) {
        let base = entry.startIndex
        func value(_ offset: Int, _ count: Int) -> UInt32 {
            (0..<count).reduce(0) { $0 | UInt32(entry[base + offset + $1]) << (8 * $1) }
        }
        name = FATShortName(bytes: Array(entry[base..<base + 11]), caseFlags: entry[base + 12])
        attributes = entry[base + 11]
        timestamp = FATTimestamp(date: UInt16(value(24, 2)), time: UInt16(value(22, 2)))
        firstCluster = value(20, 2) << 16 | value(26, 2)
        size = value(28, 4)
    }

    static func littleEndian<T: FixedWidthInteger>(_ value: T, _ count: Int) -> [UInt8] {
        (0..<count).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) }
    }
}
