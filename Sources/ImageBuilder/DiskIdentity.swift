import Boards
import Sodium

/// The identifiers a partition table carries: disk GUID, one unique GUID per partition, the MBR disk signature.
///
/// They end up in `root=PARTUUID=…`, so they must be known before the image exists and be the same on
/// every rebuild: `derived` makes them from the board, the image name and `SOURCE_DATE_EPOCH`.
/// Every field is settable, for callers that must match an existing disk.
public struct DiskIdentity: Sendable, Equatable {
    /// The GPT disk GUID (ignored for MBR).
    public var diskGUID: GUID
    /// The GPT unique partition GUIDs, in the board's partition order (ignored for MBR).
    public var partitionGUIDs: [GUID]
    /// The MBR disk signature at byte 440 (ignored for GPT).
    public var mbrSignature: UInt32

    public init(diskGUID: GUID, partitionGUIDs: [GUID], mbrSignature: UInt32) {
        self.diskGUID = diskGUID
        self.partitionGUIDs = partitionGUIDs
        self.mbrSignature = mbrSignature
    }

    /// Identifiers hashed (BLAKE2b) from the board's name, the image's name, `sourceDateEpoch` and, for a
    /// partition, its name: a rebuild gets the same ones, another image or date gets others.
    /// - Throws: `ImageBuildError.cryptography` when libsodium cannot initialise.
    public static func derived(board: Board, imageName: String, sourceDateEpoch: UInt64) throws(ImageBuildError) -> DiskIdentity {
        func digest(_ purpose: String) throws(ImageBuildError) -> [UInt8] {
            try derivedBytes(board: board, imageName: imageName, sourceDateEpoch: sourceDateEpoch, purpose: purpose, count: 16)
        }
        let disk = GUID(versionFourFrom: try digest("disk"))
        var partitions: [GUID] = []
        for partition in board.partitions {
            partitions.append(GUID(versionFourFrom: try digest("partition\0" + partition.name)))
        }
        let signatureBytes = try digest("mbr-signature")
        var signature = signatureBytes.prefix(4).reversed().reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        // Zero reads as "no signature" to some tools; a fixed stand-in keeps the result reproducible.
        if signature == 0 { signature = 0x4B49_4C4E }
        return DiskIdentity(diskGUID: disk, partitionGUIDs: partitions, mbrSignature: signature)
    }

    /// `count` bytes hashed (BLAKE2b) from the board's name, the image's name, `sourceDateEpoch` and `purpose`:
    /// the same on every rebuild, different for another image, date or purpose (a filesystem UUID, a hash seed).
    /// - Throws: `ImageBuildError.cryptography` when libsodium cannot initialise.
    public static func derivedBytes(board: Board, imageName: String, sourceDateEpoch: UInt64, purpose: String,
                                    count: Int) throws(ImageBuildError) -> [UInt8] {
        // NUL separators keep ("ab", "c") and ("a", "bc") apart.
        let seed = ["kiln-disk-identity-v1", board.name, imageName, String(sourceDateEpoch), purpose].joined(separator: "\0")
        do {
            return try BLAKE2b.hash(Array(seed.utf8), outputLength: count)
        } catch {
            throw .cryptography(reason: error.description)
        }
    }
}
