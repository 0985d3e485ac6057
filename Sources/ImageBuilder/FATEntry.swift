/// A file or directory to put on a FAT volume, at a `/`-separated path such as `overlays/vc4-kms-v3d.dtbo`.
///
/// Parent directories need no entries of their own; an explicit `.directory` makes an empty one.
public struct FATEntry: Sendable, Equatable {
    public var path: String
    public var contents: Contents

    public init(path: String, contents: Contents) {
        self.path = path
        self.contents = contents
    }

    /// What an entry holds.
    public enum Contents: Sendable, Equatable {
        case directory
        /// Bytes already in memory: config.txt, cmdline.txt, uboot.env.
        case bytes([UInt8])
        /// A file on the build host, read while writing so large firmware is never held in memory.
        case file(path: String)
    }
}
