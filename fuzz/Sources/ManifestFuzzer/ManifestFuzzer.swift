import OTA

/// Bytes as a bundle, read sequentially, as the updater reads one from a file or a socket.
final class FuzzSource: BundleSource {
    let name = "fuzz"
    let bytes: UnsafeRawBufferPointer
    var position = 0
    var expectedLength: UInt64? { UInt64(bytes.count) }

    init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(OTAError) -> Int {
        let count = min(buffer.count, bytes.count - position)
        if count > 0 { buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[position..<position + count])) }
        position += count
        return count
    }
}

/// libFuzzer's entry point: the input is parsed as a manifest body and as a whole bundle (header, manifest,
/// signature, payload chunks) without a keyring, so every parser path runs on untrusted bytes. Errors are
/// expected; crashes, traps and hangs are the findings.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeRawBufferPointer(start: data, count: size)
    _ = try? Manifest(decoding: Array(bytes), keyID: KeyID(bytes: [0, 0, 0, 0, 0, 0, 0, 0]), base: 24, source: "fuzz")
    if let reader = try? BundleReader(source: FuzzSource(bytes), keyring: nil) {
        try? reader.streamPayloads { _, _, _, _ in }
    }
    return 0
}
