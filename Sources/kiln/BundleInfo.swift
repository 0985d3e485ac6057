import OTA
import Sodium

/// A bundle's manifest as `bundle info`, `bundle verify` and `bundle create` show it.
struct BundleInfo: Encodable {
    struct Payload: Encodable {
        var name: String
        var type: String
        var size: UInt64
        var storedSize: UInt64
        var chunkSize: Int
        var chunks: Int
        var sha256: String

        enum CodingKeys: String, CodingKey {
            case name, type, size, chunks, sha256
            case storedSize = "stored_size", chunkSize = "chunk_size"
        }
    }

    var path: String
    var formatVersion: UInt32
    var compatible: String
    var version: String
    var minVersion: String?
    var buildTime: UInt64
    var keyID: String
    /// Whether the signature was checked against a keyring (nil when Kiln just made the bundle).
    var verified: Bool?
    var payloads: [Payload]

    enum CodingKeys: String, CodingKey {
        case path, compatible, version, verified, payloads
        case formatVersion = "format_version", minVersion = "min_version", buildTime = "build_time", keyID = "key_id"
    }

    init(manifest: Manifest, verified: Bool?, path: String) {
        self.path = path
        formatVersion = BundleFormat.version
        compatible = manifest.compatible
        version = manifest.version.description
        minVersion = manifest.minimumVersion?.description
        buildTime = manifest.buildTime
        keyID = manifest.keyID.description
        self.verified = verified
        payloads = manifest.payloads.map {
            Payload(name: $0.name, type: $0.type, size: $0.size, storedSize: $0.storedLength, chunkSize: $0.chunkSize,
                    chunks: $0.chunks.count, sha256: $0.sha256.hexString)
        }
    }

    var rendered: String {
        var lines = ["\(path): bundle format \(formatVersion), \(compatible) \(version)"
                     + (minVersion.map { ", min-version \($0)" } ?? ""),
                     "  built \(buildTime) (seconds since the epoch), signed by key \(keyID)"
                     + (verified.map { $0 ? " (signature verified)" : " (signature not checked: no --keyring)" } ?? "")]
        for payload in payloads {
            lines.append("  payload \(payload.name) (\(payload.type)): \(payload.size) bytes, \(payload.storedSize) stored, "
                         + "\(payload.chunks) chunks of \(payload.chunkSize), sha256 \(payload.sha256)")
        }
        return lines.joined(separator: "\n")
    }
}
