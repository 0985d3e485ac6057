/// Reads a disk's partition table back (GPT, else MBR): what `kiln image inspect` shows.
enum PartitionTableReader {
    typealias Read = (_ offset: UInt64, _ count: Int) throws(ImageBuildError) -> [UInt8]

    /// The table at the start of the disk, assuming 512-byte sectors.
    /// - Throws: `ImageBuildError.invalidInput` when there is neither a GPT nor an MBR.
    static func read(path: String, _ read: Read) throws(ImageBuildError) -> ImageInspection.Table {
        let sector: UInt64 = 512
        let mbr = try read(0, 512)
        guard mbr.count == 512, mbr[510] == 0x55, mbr[511] == 0xAA else {
            throw .invalidInput(option: "image", path: path, reason: "no partition table: the first sector lacks the 0x55AA signature")
        }
        let header = try read(sector, 92)
        if header.count == 92, Array(header[0..<8]) == Array("EFI PART".utf8) {
            return try gpt(header: header, sector: sector, read)
        }
        let signature = UInt32(mbr[440]) | UInt32(mbr[441]) << 8 | UInt32(mbr[442]) << 16 | UInt32(mbr[443]) << 24
        let hexSignature = String(signature, radix: 16)
        let padded = String(repeating: "0", count: 8 - hexSignature.count) + hexSignature
        var partitions: [ImageInspection.Partition] = []
        for index in 0..<4 {
            let entry = Array(mbr[(446 + index * 16)..<(446 + (index + 1) * 16)])
            let first = UInt64(le32(entry, 8)), count = UInt64(le32(entry, 12))
            guard entry[4] != 0, count > 0 else { continue }
            let number = index + 1
            partitions.append(.init(number: number, name: nil, start: first * sector, size: count * sector,
                                    type: "0x" + (entry[4] < 16 ? "0" : "") + String(entry[4], radix: 16),
                                    partUUID: padded + "-" + (number < 16 ? "0" : "") + String(number, radix: 16)))
        }
        return .init(kind: "mbr", diskIdentifier: "0x" + padded, partitions: partitions)
    }

    private static func gpt(header: [UInt8], sector: UInt64, _ read: Read) throws(ImageBuildError) -> ImageInspection.Table {
        let entriesLBA = le64(header, 72), count = Int(le32(header, 80)), entrySize = Int(le32(header, 84))
        let disk = GUID(mixedEndian: Array(header[56..<72]))
        guard entrySize >= 128, count <= 1024 else { return .init(kind: "gpt", diskIdentifier: disk.description.uppercased(), partitions: []) }
        let table = try read(entriesLBA * sector, count * entrySize)
        var partitions: [ImageInspection.Partition] = []
        for index in 0..<min(count, table.count / entrySize) {
            let entry = Array(table[(index * entrySize)..<((index + 1) * entrySize)])
            guard entry[0..<16].contains(where: { $0 != 0 }) else { continue }
            let first = le64(entry, 32), last = le64(entry, 40)
            let nameUnits = stride(from: 56, to: 128, by: 2).map { UInt16(entry[$0]) | UInt16(entry[$0 + 1]) << 8 }.prefix { $0 != 0 }
            partitions.append(.init(number: index + 1, name: String(decoding: nameUnits, as: UTF16.self),
                                    start: first * sector, size: (last - first + 1) * sector,
                                    type: GUID(mixedEndian: Array(entry[0..<16])).description.uppercased(),
                                    partUUID: GUID(mixedEndian: Array(entry[16..<32])).description))
        }
        return .init(kind: "gpt", diskIdentifier: disk.description.uppercased(), partitions: partitions)
    }

    static func le32(_ bytes: [UInt8], _ at: Int) -> UInt32 {
        (0..<4).reduce(UInt32(0)) { $0 | UInt32(bytes[at + $1]) << (8 * $1) }
    }

    static func le64(_ bytes: [UInt8], _ at: Int) -> UInt64 {
        (0..<8).reduce(UInt64(0)) { $0 | UInt64(bytes[at + $1]) << (8 * $1) }
    }
}

extension GUID {
    /// Decodes the on-disk GPT encoding (first three fields little-endian).
    init(mixedEndian raw: [UInt8]) {
        self.init(bytes: [raw[3], raw[2], raw[1], raw[0], raw[5], raw[4], raw[7], raw[6]] + raw[8..<16])
    }
}
