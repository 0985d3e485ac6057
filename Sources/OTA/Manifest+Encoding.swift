extension Manifest {
    /// The manifest body as signed: see `docs/bundle-format.md` for the field order.
    public var encoded: [UInt8] {
        var writer = ByteWriter()
        writer.append(string: compatible)
        writer.append(string: version.description)
        writer.append(string: minimumVersion?.description ?? "")
        writer.append(buildTime)
        writer.append(UInt16(payloads.count))
        for payload in payloads {
            writer.append(string: payload.name)
            writer.append(string: payload.type)
            writer.append(payload.size)
            writer.append(UInt32(payload.chunkSize))
            writer.append(payload.sha256)
            writer.append(UInt32(payload.chunks.count))
            for chunk in payload.chunks {
                switch chunk {
                case .stored(let hash):
                    writer.append(UInt8(0))
                    writer.append(hash)
                case .zero:
                    writer.append(UInt8(1))
                    writer.append([UInt8](repeating: 0, count: 32))
                }
            }
        }
        return writer.bytes
    }

    /// The length of `encoded` for these fields, known before any chunk is hashed (so `bundle create` can
    /// stream payloads to their final offset in one pass).
    static func encodedLength(compatible: String, version: String, minimumVersion: String,
                              payloads: [(name: String, type: String, chunks: Int)]) -> Int {
        let strings = [compatible, version, minimumVersion].reduce(0) { $0 + 2 + $1.utf8.count }
        return strings + 8 + 2 + payloads.reduce(0) { total, payload in
            total + 2 + payload.name.utf8.count + 2 + payload.type.utf8.count + 8 + 4 + 32 + 4 + payload.chunks * 33
        }
    }
}
