#if canImport(Glibc)
import Glibc
#endif

/// Where a FAT volume's bytes go: `offset` is from the start of the volume. Regions never passed to it
/// must read as zero (a sparse file or a fresh partition), since the writer skips all-zero sectors.
public typealias FATSink = (_ offset: UInt64, _ bytes: UnsafeRawBufferPointer) throws -> Void

/// Carries out a `FATPlan` through a sink, in volume order, skipping all-zero sectors.
struct FATWriter {
    let plan: FATPlan
    let sink: FATSink
    private static let chunkSize = 1 << 20

    func write() throws(FATError) {
        let geometry = plan.geometry
        let boot = FATBootSector.encoded(geometry, label: Array(plan.label.utf8), serial: plan.serial,
                                         hiddenSectors: plan.hiddenSectors)
        try emit(boot, at: 0)
        if geometry.kind == .fat32 {
            let info = FATBootSector.fsInfo(freeClusters: plan.freeClusters, nextFree: plan.nextFreeCluster)
            try emit(info, at: FATGeometry.sectorSize)
            try emit(boot, at: FATBootSector.backupSector * FATGeometry.sectorSize)
            try emit(info, at: (FATBootSector.backupSector + 1) * FATGeometry.sectorSize)
        }
        let chains = plan.items.map { (first: $0.firstCluster, count: $0.clusterCount) }
        let table = FATTable.encoded(kind: geometry.kind, chains: chains, entryCount: plan.nextFreeCluster)
        for copy in 0..<UInt64(geometry.fatCount) {
            try emit(table, at: geometry.fatOffset + copy * geometry.fatSize)
        }
        for item in plan.items {
            switch item.source {
            case .directory(let bytes), .bytes(let bytes): try emit(bytes, at: item.offset)
            case .file(let path): try copy(path, size: item.size, to: item.offset)
            }
        }
    }

    /// Streams a source file in 1 MiB chunks, so firmware is never held whole in memory.
    /// - Throws: `FATError.source` on a read error, `.sourceChanged` if its size is not the planned one.
    private func copy(_ path: String, size: UInt64, to offset: UInt64) throws(FATError) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .source(path: path, errno: errno) }
        defer { close(descriptor) }
        var chunk = [UInt8](repeating: 0, count: Self.chunkSize)
        var done: UInt64 = 0
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .source(path: path, errno: errno)
            }
            if count == 0 { break }
            guard done + UInt64(count) <= size else {
                throw .sourceChanged(path: path, planned: size, actual: done + UInt64(count))
            }
            try emit(chunk[..<count], at: offset + done)
            done += UInt64(count)
        }
        guard done == size else { throw .sourceChanged(path: path, planned: size, actual: done) }
    }

    /// Passes runs of sectors that hold a non-zero byte to the sink; zero sectors are holes already.
    private func emit(_ bytes: [UInt8], at offset: UInt64) throws(FATError) {
        try emit(bytes[...], at: offset)
    }

    private func emit(_ bytes: ArraySlice<UInt8>, at offset: UInt64) throws(FATError) {
        let result: Result<Void, FATError> = bytes.withUnsafeBytes { buffer in
            let sector = Int(FATGeometry.sectorSize)
            var start = 0, runStart: Int?
            while start <= buffer.count {
                let end = min(start + sector, buffer.count)
                let isData = start < end && buffer[start..<end].contains { $0 != 0 }
                if isData, runStart == nil { runStart = start }
                if !isData, let first = runStart {
                    do {
                        try sink(offset + UInt64(first), UnsafeRawBufferPointer(rebasing: buffer[first..<start]))
                    } catch {
                        return .failure(.io(operation: "write", offset: offset + UInt64(first), reason: "\(error)"))
                    }
                    runStart = nil
                }
                if start == buffer.count { break }
                start = end
            }
            return .success(())
        }
        try result.get()
    }
}

extension FATPlan {
    /// Writes the volume: boot sector(s), FSInfo, both FATs, directories and file contents.
    /// - Throws: `FATError.source` or `.sourceChanged` for a source file, `.io` when the sink throws.
    public func write(to sink: FATSink) throws(FATError) {
        // The writer keeps the sink only while this call runs.
        try withoutActuallyEscaping(sink) { (sink) throws(FATError) in try FATWriter(plan: self, sink: sink).write() }
    }
}
