#if canImport(Glibc)
import Glibc
#endif

/// Reads a written slot back and checks every chunk against the signed manifest (which covers every byte).
struct SlotCheck {
    let payload: Manifest.Payload
    let device: SlotDevice

    /// - Throws: `OTAError.readBack` at the first chunk that differs.
    func run(progress: (UInt64) -> Void) throws(OTAError) {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: payload.chunkSize, alignment: 4096)
        defer { buffer.deallocate() }
        for (index, chunk) in payload.chunks.enumerated() {
            let offset = UInt64(index) * UInt64(payload.chunkSize)
            let slice = UnsafeMutableRawBufferPointer(rebasing: buffer[0..<payload.length(ofChunk: index)])
            try device.read(into: slice, at: offset)
            let bytes = UnsafeRawBufferPointer(slice)
            switch chunk {
            case .zero:
                guard SlotCheck.isZero(bytes) else { throw .readBack(slot: device.slot, device: device.path, chunk: index) }
            case .stored(let expected):
                let hasher = try BundleReader.hasher(device.path)
                hasher.update(bytes)
                guard hasher.finalize() == expected else { throw .readBack(slot: device.slot, device: device.path, chunk: index) }
            }
            progress(offset + UInt64(slice.count))
        }
    }

    /// Whether every byte is zero, at memory speed (a byte loop is slow in debug builds).
    static func isZero(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let first = bytes.first else { return true }
        return first == 0 && memcmp(bytes.baseAddress!, bytes.baseAddress! + 1, bytes.count - 1) == 0
    }
}
