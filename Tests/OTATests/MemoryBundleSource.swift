import OTA

/// Bundle bytes from memory, for tampering tests.
final class MemoryBundleSource: BundleSource {
    let name = "memory"
    let bytes: [UInt8]
    private var position = 0
    var expectedLength: UInt64? { UInt64(bytes.count) }

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(OTAError) -> Int {
        let count = min(buffer.count, bytes.count - position)
        bytes.withUnsafeBytes { source in
            buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: source[position..<position + count]))
        }
        position += count
        return count
    }
}
