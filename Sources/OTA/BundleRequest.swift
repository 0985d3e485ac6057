/// What `kiln bundle create` is asked for.
public struct BundleRequest: Sendable {
    public var compatible: String
    public var version: SemanticVersion
    public var minimumVersion: SemanticVersion?
    /// `SOURCE_DATE_EPOCH`: the build time recorded, and the time of every file in an ext4 made from a tar.
    public var buildTime: UInt64
    /// An ext4 image, or a tar that is turned into one of `rootfsSize` bytes.
    public var rootfs: String
    public var rootfsSize: UInt64?
    public var output: String
    public var chunkSize: Int

    public init(compatible: String, version: SemanticVersion, minimumVersion: SemanticVersion?, buildTime: UInt64,
                rootfs: String, rootfsSize: UInt64?, output: String, chunkSize: Int = BundleFormat.defaultChunkSize) {
        self.compatible = compatible
        self.version = version
        self.minimumVersion = minimumVersion
        self.buildTime = buildTime
        self.rootfs = rootfs
        self.rootfsSize = rootfsSize
        self.output = output
        self.chunkSize = chunkSize
    }
}
