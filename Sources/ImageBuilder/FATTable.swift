/// The file allocation table: one entry per cluster naming the next cluster of its chain.
enum FATTable {
    /// The table's first `entryCount` entries, rounded up to whole sectors, for contiguous chains
    /// (first cluster, cluster count); everything after is free, i.e. zero, and need not be written.
    static func encoded(kind: FATGeometry.Kind, chains: [(first: UInt32, count: UInt32)],
                        entryCount: UInt32) -> [UInt8] {
        let width = kind == .fat32 ? 4 : 2
        let length = (Int(entryCount) * width + 511) / 512 * 512
        var table = [UInt8](repeating: 0, count: length)
        func set(_ cluster: UInt32, _ value: UInt32) {
            let offset = Int(cluster) * width
            for byte in 0..<width { table[offset + byte] = UInt8(truncatingIfNeeded: value >> (8 * byte)) }
        }
        let endOfChain: UInt32 = kind == .fat32 ? 0x0FFF_FFFF : 0xFFFF
        // Entry 0 repeats the media byte; entry 1 is end-of-chain with the clean-unmount bits set.
        set(0, endOfChain & ~0xFF | 0xF8)
        set(1, endOfChain)
        for chain in chains where chain.count > 0 {
            for cluster in chain.first..<chain.first + chain.count - 1 { set(cluster, cluster + 1) }
            set(chain.first + chain.count - 1, endOfChain)
        }
        return table
    }

    /// The entry for `cluster` in a whole table read from disk.
    static func entry(_ cluster: UInt32, in table: [UInt8], kind: FATGeometry.Kind) -> UInt32 {
        let index = Int(cluster)
        switch kind {
        case .fat12:
            // 12-bit entries packed in pairs into three bytes.
            let offset = index + index / 2
            guard offset + 1 < table.count else { return 0 }
            let pair = UInt32(table[offset]) | UInt32(table[offset + 1]) << 8
            return index % 2 == 0 ? pair & 0xFFF : pair >> 4
        case .fat16:
            guard index * 2 + 1 < table.count else { return 0 }
            return UInt32(table[index * 2]) | UInt32(table[index * 2 + 1]) << 8
        case .fat32:
            guard index * 4 + 3 < table.count else { return 0 }
            return (0..<4).reduce(0) { $0 | UInt32(table[index * 4 + $1]) << (8 * $1) } & 0x0FFF_FFFF
        }
    }

    /// The first value that ends a chain (this and above), or marks a bad cluster (one below).
    static func endOfChain(_ kind: FATGeometry.Kind) -> UInt32 {
        switch kind {
        case .fat12: return 0xFF8
        case .fat16: return 0xFFF8
        case .fat32: return 0x0FFF_FFF8
        }
    }
}

extension FATTable {
    /// The chain from `first` as byte ranges of consecutive clusters, so a contiguous file is one read.
    /// - Throws: `FATError.corrupt` for a cluster out of range, a free or bad cluster inside the chain, or a loop.
    static func runs(from first: UInt32, geometry: FATGeometry, table: [UInt8]) throws(FATError)
        -> [(offset: UInt64, length: UInt64)] {
        var runs: [(offset: UInt64, length: UInt64)] = []
        var cluster = first, steps: UInt32 = 0
        let end = endOfChain(geometry.kind), last = geometry.clusterCount + 1
        while cluster != 0 && cluster < end {
            guard (2...last).contains(cluster), steps <= geometry.clusterCount else {
                throw .corrupt(reason: "cluster chain from \(first) reaches invalid cluster \(cluster)")
            }
            let offset = geometry.offset(ofCluster: cluster)
            if let previous = runs.last, previous.offset + previous.length == offset {
                runs[runs.count - 1].length += geometry.clusterSize
            } else {
                runs.append((offset, geometry.clusterSize))
            }
            cluster = entry(cluster, in: table, kind: geometry.kind)
            steps += 1
            if cluster == end - 1 || (cluster == 1) { throw .corrupt(reason: "bad cluster in chain from \(first)") }
        }
        return runs
    }
}
