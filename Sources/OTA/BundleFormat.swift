/// The fixed facts of Kiln's bundle format, version 1 (`docs/bundle-format.md`).
///
/// A bundle is a signed manifest followed by the payloads, so a device can check the signature first and then
/// every chunk as it streams in, before writing it, with no temporary copy and no kernel feature.
public enum BundleFormat {
    /// The first eight bytes of every bundle.
    public static let magic: [UInt8] = Array("KILNBNDL".utf8)
    public static let version: UInt32 = 1
    /// Magic, format version, manifest length, key ID.
    public static let headerLength = 24
    /// Refuses absurd manifests before allocating them: 16 MiB holds ~500,000 chunks (125 GiB at 256 KiB).
    public static let maximumManifestLength = 16 << 20
    /// The chunk size `bundle create` uses: small enough to verify each chunk before writing it with little
    /// memory, large enough that the chunk table stays small (33 bytes per 256 KiB).
    public static let defaultChunkSize = 256 << 10
    /// Chunk sizes a manifest may declare: 4 KiB to 16 MiB, powers of two.
    public static let chunkSizes = 12...24
    public static let signatureLength = 64
}
