/// What a finished build left on disk.
public struct ImageBuildResult: Sendable, Equatable {
    public var image: String
    public var imageSize: UInt64
    /// Bytes the image actually occupies (it is sparse).
    public var allocatedBytes: UInt64
    public var blockMap: String?
    public var compressed: String?
}
