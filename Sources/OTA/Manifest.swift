/// What a bundle says about itself, covered by its signature.
public struct Manifest: Sendable, Equatable {
    /// The board the bundle is for; a system installs only bundles whose `compatible` equals its `board`.
    public var compatible: String
    public var version: SemanticVersion
    /// The lowest version a system may go back to once it runs this one (an anti-rollback floor).
    public var minimumVersion: SemanticVersion?
    /// Seconds since the epoch (`SOURCE_DATE_EPOCH` when the bundle was made).
    public var buildTime: UInt64
    public var keyID: KeyID
    public var payloads: [Payload]

    public init(compatible: String, version: SemanticVersion, minimumVersion: SemanticVersion?, buildTime: UInt64,
                keyID: KeyID, payloads: [Payload]) {
        self.compatible = compatible
        self.version = version
        self.minimumVersion = minimumVersion
        self.buildTime = buildTime
        self.keyID = keyID
        self.payloads = payloads
    }

    /// One image the bundle carries, cut into equal chunks (the last may be shorter), each with its hash.
    public struct Payload: Sendable, Equatable {
        /// `rootfs`: the image written to the inactive slot.
        public var name: String
        /// What the image is (`ext4`), for display and for the slot's checks.
        public var type: String
        public var size: UInt64
        public var chunkSize: Int
        /// SHA-256 of the whole image, as `sha256sum` of the slot's first `size` bytes prints it.
        public var sha256: [UInt8]
        public var chunks: [Chunk]

        public init(name: String, type: String, size: UInt64, chunkSize: Int, sha256: [UInt8], chunks: [Chunk]) {
            self.name = name
            self.type = type
            self.size = size
            self.chunkSize = chunkSize
            self.sha256 = sha256
            self.chunks = chunks
        }

        /// The number of chunks a payload of `size` has; nil when that is not an `Int` (no real payload).
        public static func chunkCount(size: UInt64, chunkSize: Int) -> Int? {
            // Not (size + chunkSize - 1) / chunkSize: that overflows for sizes near 2^64 (found by the fuzzer).
            let whole = size / UInt64(chunkSize), rest: UInt64 = size % UInt64(chunkSize) == 0 ? 0 : 1
            return Int(exactly: whole + rest)
        }

        /// The length of chunk `index`.
        public func length(ofChunk index: Int) -> Int {
            Int(min(UInt64(chunkSize), size - UInt64(index) * UInt64(chunkSize)))
        }

        /// Bytes this payload occupies in the bundle: zero chunks are not stored.
        public var storedLength: UInt64 {
            chunks.indices.reduce(0) { total, index in
                if case .stored = chunks[index] { return total + UInt64(length(ofChunk: index)) }
                return total
            }
        }
    }

    /// A chunk is either stored in the bundle with its SHA-256, or all zeros and left out.
    public enum Chunk: Sendable, Equatable {
        case stored(sha256: [UInt8])
        case zero
    }

    /// The payload the updater writes to a slot.
    public var rootfs: Payload? { payloads.first { $0.name == "rootfs" } }
}
