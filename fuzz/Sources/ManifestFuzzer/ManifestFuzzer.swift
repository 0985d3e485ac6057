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

/// libFuzzer's driver. Declared here because libFuzzer ships no Swift module; the signature is the one in
/// compiler-rt's FuzzerInterface.h.
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(_ argc: UnsafeMutablePointer<Int32>,
                     _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                     _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32) -> Int32

/// The executable's entry point under the name SwiftPM links `main` to: hands over to libFuzzer.
@_cdecl("ManifestFuzzer_main")
public func fuzzerMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments) { data, size in
        guard let data else { return 0 }
        return fuzz(data, size)
    }
}

/// libFuzzer's entry point: the input is parsed as a manifest body and as a whole bundle (header, manifest,
/// signature, payload chunks) without a keyring, so every parser path runs on untrusted bytes. Errors are
/// expected; crashes, traps and hangs are the findings.
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeRawBufferPointer(start: data, count: size)
    _ = try? Manifest(decoding: Array(bytes), keyID: KeyID(bytes: [0, 0, 0, 0, 0, 0, 0, 0]), base: 24, source: "fuzz")
    // Streaming is bounded by the payload sizes the manifest declares (zero chunks cost no input bytes), so
    // only payloads of at most 64 MiB are streamed: larger ones only make the run slow, not find more.
    if let reader = try? BundleReader(source: FuzzSource(bytes), keyring: nil),
       reader.manifest.payloads.allSatisfy({ $0.size <= 64 << 20 }) {
        try? reader.streamPayloads { _, _, _, _ in }
    }
    return 0
}
