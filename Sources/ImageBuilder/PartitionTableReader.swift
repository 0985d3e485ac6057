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
        let signature = mbr.loadLittleEndian(UInt32.self, at: 440)
        var partitions: [ImageInspection.Partition] = []
        for index in 0..<4 {
            let entry = Array(mbr[(446 + index * 16)..<(446 + (index + 1) * 16)])
            let first = UInt64(entry.loadLittleEndian(UInt32.self, at: 8)), count = UInt64(entry.loadLittleEndian(UInt32.self, at: 12))
            guard entry[4] != 0, count > 0 else { continue }
            let number = index + 1
            partitions.append(.init(number: number, name: nil, start: first * sector, size: count * sector,
                                    type: "0x" + MBR.hex(UInt32(entry[4]), digits: 2),
                                    partUUID: MBR.partUUID(signature: signature, number: number)))
        }
        return .init(kind: "mbr", diskIdentifier: "0x" + MBR.hex(signature, digits: 8), partitions: partitions)
    }

    private static func gpt(header: [UInt8], sector: UInt64, _ read: Read) throws(ImageBuildError) -> ImageInspection.Table {
        let entriesLBA = header.loadLittleEndian(UInt64.self, at: 72)
        let count = Int(header.loadLittleEndian(UInt32.self, at: 80)), entrySize = Int(header.loadLittleEndian(UInt32.self, at: 84))
        let disk = GUID(mixedEndian: Array(header[56..<72]))
        guard entrySize >= 128, count <= 1024 else { return .init(kind: "gpt", diskIdentifier: disk.description.uppercased(), partitions: []) }
        let table = try read(entriesLBA * sector, count * entrySize)
        var partitions: [ImageInspection.Partition] = []
        for index in 0..<min(count, table.count / entrySize) {
            let entry = Array(table[(index * entrySize)..<((index + 1) * entrySize)])
            guard entry[0..<16].contains(where: { $0 != 0 }) else { continue }
            let first = entry.loadLittleEndian(UInt64.self, at: 32), last = entry.loadLittleEndian(UInt64.self, at: 40)
            let nameUnits = stride(from: 56, to: 128, by: 2).map { UInt16(entry[$0]) | UInt16(entry[$0 + 1]) << 8 }.prefix { $0 != 0 }
            partitions.append(.init(number: index + 1, name: String(decoding: nameUnits, as: UTF16.self),
                                    start: first * sector, size: (last - first + 1) * sector,
                                    type: GUID(mixedEndian: Array(entry[0..<16])).description.uppercased(),
                                    partUUID: GUID(mixedEndian: Array(entry[16..<32])).description))
        }
        return .init(kind: "gpt", diskIdentifier: disk.description.uppercased(), partitions: partitions)
    }
}

extension GUID {
    /// Decodes the on-disk GPT encoding (first three fields little-endian).
    init(mixedEndian raw: [UInt8]) {
        self.init(bytes: [raw[3], raw[2], raw[1], raw[0], raw[5], raw[4], raw[7], raw[6]] + raw[8..<16])
    }
}
