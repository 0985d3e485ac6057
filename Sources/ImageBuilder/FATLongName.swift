/// VFAT long-name entries: the name in UTF-16, 13 units per 32-byte entry, stored before its short entry
/// in reverse order, each carrying the short name's checksum.
enum FATLongName {
    static let attributes: UInt8 = 0x0F
    static let unitsPerEntry = 13
    /// Byte offsets of the 13 UTF-16 units inside an entry: 5 at 1, 6 at 14, 2 at 28.
    private static let unitOffsets = [1, 3, 5, 7, 9, 14, 16, 18, 20, 22, 24, 28, 30]
    private static let lastFlag: UInt8 = 0x40

    static func entryCount(for name: String) -> Int {
        (name.utf16.count + unitsPerEntry - 1) / unitsPerEntry
    }

    /// The entries for `name`, in the order they go on disk (the last part first).
    static func entries(for name: String, checksum: UInt8) -> [[UInt8]] {
        let units = Array(name.utf16)
        let count = entryCount(for: name)
        return (1...count).reversed().map { ordinal in
            var entry = [UInt8](repeating: 0, count: 32)
            entry[0] = UInt8(ordinal) | (ordinal == count ? lastFlag : 0)
            entry[11] = attributes
            entry[13] = checksum
            for (slot, offset) in unitOffsets.enumerated() {
                let index = (ordinal - 1) * unitsPerEntry + slot
                // One 0x0000 ends a name that does not fill its last entry; 0xFFFF pads the rest.
                let unit: UInt16 = index < units.count ? units[index] : index == units.count ? 0 : 0xFFFF
                entry[offset] = UInt8(truncatingIfNeeded: unit)
                entry[offset + 1] = UInt8(truncatingIfNeeded: unit >> 8)
            }
            return entry
        }
    }

    /// One entry's part of a name: its 1-based position, whether it is the last part, the checksum and its units.
    static func fragment(_ entry: ArraySlice<UInt8>) -> (ordinal: Int, isLast: Bool, checksum: UInt8, units: [UInt16]) {
        let base = entry.startIndex
        var units: [UInt16] = []
        for offset in unitOffsets {
            let unit = UInt16(entry[base + offset]) | UInt16(entry[base + offset + 1]) << 8
            if unit == 0 { break }
            units.append(unit)
        }
        return (Int(entry[base] & 0x3F), entry[base] & lastFlag != 0, entry[base + 13], units)
    }
}
