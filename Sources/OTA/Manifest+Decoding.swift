extension Manifest {
    /// Parses a manifest body; `keyID` comes from the signed header. Every field is checked: lengths, UTF-8,
    /// versions, chunk sizes and counts, chunk kinds, and that nothing follows the last payload.
    /// - Parameter base: the body's offset in the bundle, for error offsets.
    /// - Throws: `OTAError.malformedBundle` at the first bad field.
    public init(decoding body: [UInt8], keyID: KeyID, base: UInt64 = UInt64(BundleFormat.headerLength),
                source: String) throws(OTAError) {
        var reader = ByteReader(body, base: base, source: source)
        let compatible = try reader.string("the compatible board")
        guard !compatible.isEmpty else { throw reader.failure("the compatible board is empty") }
        let version = try Self.version(&reader, "the version")
        let minimum = try reader.string("the minimum version")
        let minimumVersion: SemanticVersion? = minimum.isEmpty ? nil : try Self.parsed(minimum, reader)
        let buildTime = try reader.integer(UInt64.self, "the build time")
        let count = Int(try reader.integer(UInt16.self, "the payload count"))
        guard count > 0 else { throw reader.failure("the bundle has no payload") }
        var payloads: [Payload] = []
        for index in 0..<count {
            let payload = try Self.payload(&reader, index: index)
            guard !payloads.contains(where: { $0.name == payload.name }) else {
                throw reader.failure("payload name '\(payload.name)' appears twice")
            }
            payloads.append(payload)
        }
        guard reader.isAtEnd else { throw reader.failure("\(body.count - reader.position) bytes follow the last payload") }
        self.init(compatible: compatible, version: version, minimumVersion: minimumVersion, buildTime: buildTime,
                  keyID: keyID, payloads: payloads)
    }

    private static func version(_ reader: inout ByteReader, _ what: String) throws(OTAError) -> SemanticVersion {
        try parsed(try reader.string(what), reader)
    }

    private static func parsed(_ text: String, _ reader: ByteReader) throws(OTAError) -> SemanticVersion {
        do { return try SemanticVersion(text) } catch { throw reader.failure("\(error)") }
    }

    private static func payload(_ reader: inout ByteReader, index: Int) throws(OTAError) -> Payload {
        let name = try reader.string("payload \(index)'s name")
        guard !name.isEmpty else { throw reader.failure("payload \(index) has an empty name") }
        let type = try reader.string("payload '\(name)''s type")
        let size = try reader.integer(UInt64.self, "payload '\(name)''s size")
        let chunkSize = Int(try reader.integer(UInt32.self, "payload '\(name)''s chunk size"))
        guard chunkSize.nonzeroBitCount == 1, BundleFormat.chunkSizes.contains(chunkSize.trailingZeroBitCount) else {
            throw reader.failure("payload '\(name)''s chunk size \(chunkSize) is not a power of two from 4 KiB to 16 MiB")
        }
        let sha256 = Array(try reader.take(32, "payload '\(name)''s hash"))
        let declared = Int(try reader.integer(UInt32.self, "payload '\(name)''s chunk count"))
        let expected = Payload.chunkCount(size: size, chunkSize: chunkSize)
        guard declared == expected else {
            throw reader.failure("payload '\(name)' declares \(declared) chunks; \(size) bytes in \(chunkSize)-byte chunks make \(expected.map(String.init) ?? "too many")")
        }
        // Each chunk takes 33 bytes of the manifest: refuse a count the rest cannot hold before allocating for it.
        guard declared <= reader.remaining / 33 else {
            throw reader.failure("payload '\(name)' declares \(declared) chunks but the manifest has room for \(reader.remaining / 33)")
        }
        var chunks: [Chunk] = []
        chunks.reserveCapacity(declared)
        for chunk in 0..<declared {
            let kind = try reader.integer(UInt8.self, "chunk \(chunk)'s kind")
            let hash = Array(try reader.take(32, "chunk \(chunk)'s hash"))
            switch kind {
            case 0: chunks.append(.stored(sha256: hash))
            case 1 where hash.allSatisfy({ $0 == 0 }): chunks.append(.zero)
            case 1: throw reader.failure("zero chunk \(chunk) of payload '\(name)' carries a hash")
            default: throw reader.failure("chunk \(chunk) of payload '\(name)' has unknown kind \(kind)")
            }
        }
        return Payload(name: name, type: type, size: size, chunkSize: chunkSize, sha256: sha256, chunks: chunks)
    }
}
