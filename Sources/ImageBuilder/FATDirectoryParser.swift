/// Turns raw directory bytes into items, joining long-name entries to the short entry they precede.
enum FATDirectoryParser {
    /// The files and directories in `bytes`, without `.`, `..`, the volume label and deleted entries.
    static func items(in bytes: [UInt8]) -> [FATDirectoryItem] {
        var items: [FATDirectoryItem] = []
        var pending: (checksum: UInt8, expected: Int, units: [[UInt16]])?
        for start in stride(from: 0, to: bytes.count - 31, by: FATDirectoryRecord.size) {
            let entry = bytes[start..<start + FATDirectoryRecord.size]
            if entry.first == 0 { break }
            if entry.first == FATDirectoryRecord.deleted { pending = nil; continue }
            if entry[start + 11] & 0x3F == FATLongName.attributes {
                let part = FATLongName.fragment(entry)
                if part.isLast {
                    pending = (part.checksum, part.ordinal - 1, [part.units])
                } else if let current = pending, current.checksum == part.checksum, current.expected == part.ordinal {
                    pending = (current.checksum, part.ordinal - 1, [part.units] + current.units)
                } else {
                    pending = nil
                }
                continue
            }
            let record = FATDirectoryRecord(decoding: entry)
            defer { pending = nil }
            if record.attributes & FATDirectoryRecord.volumeLabel != 0 || entry.first == 0x2E { continue }
            var name = record.name.displayName
            if let long = pending, long.expected == 0, long.checksum == record.name.checksum {
                name = String(decoding: long.units.joined(), as: UTF16.self)
            }
            let shortName = FATShortName(bytes: record.name.bytes, caseFlags: 0).displayName
            items.append(FATDirectoryItem(name: name, shortName: shortName,
                                          isDirectory: record.isDirectory, size: UInt64(record.size),
                                          firstCluster: record.firstCluster, timestamp: record.timestamp))
        }
        return items
    }

    /// The volume label entry's text, if the directory has one.
    static func label(in bytes: [UInt8]) -> String? {
        for start in stride(from: 0, to: bytes.count - 31, by: FATDirectoryRecord.size) {
            if bytes[start] == 0 { return nil }
            let attributes = bytes[start + 11]
            if bytes[start] != FATDirectoryRecord.deleted, attributes & 0x3F != FATLongName.attributes,
               attributes & FATDirectoryRecord.volumeLabel != 0 {
                return String(decoding: bytes[start..<start + 11], as: UTF8.self)
            }
        }
        return nil
    }
}
