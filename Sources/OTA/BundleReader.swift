import Digest
import Sodium

/// Reads a bundle front to back: the header and manifest first, whose signature is checked against a keyring
/// before the manifest is parsed, then each payload chunk, checked against its signed hash before it is handed on.
public final class BundleReader {
    public let manifest: Manifest
    /// Whether the signature was checked (a keyring was given and trusted the key).
    public let isVerified: Bool
    /// The offset of the first payload byte.
    public let payloadOffset: UInt64
    private let source: any BundleSource
    private var position: UInt64

    /// Reads and checks the header, the manifest and, when `keyring` is given, the signature.
    /// - Throws: `OTAError.malformedBundle`, `.unknownKey`, `.badSignature`, or the source's errors.
    public init(source: any BundleSource, keyring: Keyring?) throws(OTAError) {
        self.source = source
        var header = [UInt8](repeating: 0, count: BundleFormat.headerLength)
        try Self.read(&header, from: source, at: 0, what: "the header")
        guard Array(header[0..<8]) == BundleFormat.magic else {
            throw .malformedBundle(source: source.name, offset: 0, reason: "it does not start with \"KILNBNDL\"")
        }
        var fields = ByteReader(Array(header[8...]), base: 8, source: source.name)
        let format = try fields.integer(UInt32.self, "the format version")
        guard format == BundleFormat.version else {
            throw .malformedBundle(source: source.name, offset: 8, reason: "format version \(format) is not supported (this Kiln reads version \(BundleFormat.version))")
        }
        let length = Int(try fields.integer(UInt32.self, "the manifest length"))
        guard length <= BundleFormat.maximumManifestLength else {
            throw .malformedBundle(source: source.name, offset: 12, reason: "manifest length \(length) exceeds \(BundleFormat.maximumManifestLength)")
        }
        let keyID = KeyID(bytes: Array(try fields.take(KeyID.length, "the key ID")))
        var signed = header + [UInt8](repeating: 0, count: length)
        try Self.read(&signed, from: source, at: header.count, what: "the manifest")
        var signature = [UInt8](repeating: 0, count: BundleFormat.signatureLength)
        try Self.read(&signature, from: source, at: 0, what: "the signature", base: UInt64(signed.count))
        if let keyring {
            guard let key = keyring.key(for: keyID) else { throw .unknownKey(keyID: keyID.description, keyring: keyring.path) }
            guard let parsed = try? Ed25519.Signature(bytes: signature), key.isValidSignature(parsed, for: signed) else {
                throw .badSignature(keyID: keyID.description)
            }
        }
        manifest = try Manifest(decoding: Array(signed[BundleFormat.headerLength...]), keyID: keyID, source: source.name)
        isVerified = keyring != nil
        payloadOffset = UInt64(signed.count + signature.count)
        position = payloadOffset
    }

    /// Fills `buffer[start...]` from the source, or throws naming what was cut short.
    private static func read(_ buffer: inout [UInt8], from source: any BundleSource, at start: Int, what: String,
                             base: UInt64 = 0) throws(OTAError) {
        let wanted = buffer.count - start
        let got = try buffer.withMutableBytes { (raw) throws(OTAError) in
            try source.readFully(into: UnsafeMutableRawBufferPointer(rebasing: raw[start...]))
        }
        guard got == wanted else {
            throw .malformedBundle(source: source.name, offset: base + UInt64(start + got), reason: "the bundle ends inside \(what)")
        }
    }

    /// Streams every payload in order: `body` gets each chunk (zero chunks as zeros) only after its hash matched,
    /// with the payload, the chunk's index and the chunk's offset in the payload. Checks that the bundle ends right
    /// after the last payload, and with `wholeHashes` also each payload's whole SHA-256 (the signed chunk table
    /// already covers every byte; the whole hash is there for `sha256sum` and costs one more pass).
    /// - Throws: `OTAError.chunkMismatch`, `.malformedBundle` (truncated, trailing bytes), the source's and `body`'s errors.
    public func streamPayloads(
        wholeHashes: Bool = false,
        _ body: (Manifest.Payload, Int, UInt64, UnsafeRawBufferPointer) throws(OTAError) -> Void
    ) throws(OTAError) {
        let largest = manifest.payloads.map(\.chunkSize).max() ?? 0
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: largest, alignment: 4096)
        defer { buffer.deallocate() }
        for payload in manifest.payloads {
            try stream(payload, buffer: buffer, wholeHash: wholeHashes, body)
        }
        var extra: UInt8 = 0
        let trailing = try withUnsafeMutableBytes(of: &extra) { raw throws(OTAError) in try source.read(into: raw) }
        guard trailing == 0 else {
            throw .malformedBundle(source: source.name, offset: position, reason: "bytes follow the last payload")
        }
    }

    private func stream(_ payload: Manifest.Payload, buffer: UnsafeMutableRawBufferPointer, wholeHash: Bool,
                        _ body: (Manifest.Payload, Int, UInt64, UnsafeRawBufferPointer) throws(OTAError) -> Void) throws(OTAError) {
        let whole = wholeHash ? try Self.hasher(source.name) : nil
        for (index, chunk) in payload.chunks.enumerated() {
            let length = payload.length(ofChunk: index)
            let slice = UnsafeMutableRawBufferPointer(rebasing: buffer[0..<length])
            let offset = UInt64(index) * UInt64(payload.chunkSize)
            switch chunk {
            case .zero:
                slice.initializeMemory(as: UInt8.self, repeating: 0)
            case .stored(let expected):
                let got = try source.readFully(into: slice)
                guard got == length else {
                    throw .malformedBundle(source: source.name, offset: position + UInt64(got),
                                           reason: "the bundle ends inside chunk \(index) of payload '\(payload.name)'")
                }
                position += UInt64(length)
                let hasher = try Self.hasher(source.name)
                hasher.update(UnsafeRawBufferPointer(slice))
                guard hasher.finalize() == expected else {
                    throw .chunkMismatch(payload: payload.name, chunk: index, offset: offset)
                }
            }
            whole?.update(UnsafeRawBufferPointer(slice))
            try body(payload, index, offset, UnsafeRawBufferPointer(slice))
        }
        guard whole.map({ $0.finalize() == payload.sha256 }) ?? true else {
            throw .chunkMismatch(payload: payload.name, chunk: payload.chunks.count - 1, offset: payload.size)
        }
    }

    static func hasher(_ source: String) throws(OTAError) -> SHA256 {
        do { return try SHA256() } catch { throw .io(path: source, operation: "SHA-256 (\(error))", errno: 0) }
    }
}
