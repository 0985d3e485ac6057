/// One file of an initramfs as planned: its path inside the archive and where its bytes come from.
public struct InitramfsMember: Sendable, Equatable {
    /// What the member is and the source of its data.
    public enum Content: Sendable, Equatable {
        case directory
        case characterDevice(major: UInt32, minor: UInt32)
        case symlink(target: String)
        /// The busybox binary the writer is given.
        case busybox
        /// A module file, by its path inside the `lib/modules/VERSION` tree being read.
        case module(String)
        /// Generated text, such as `/init`.
        case text(String)
    }

    /// Relative to the archive root, without a leading `/` (`lib/modules/6.1.0-56-arm64/kernel/fs/ext4/ext4.ko`).
    public var path: String
    public var content: Content
    /// Permission bits (`mode & 0o7777`); owner and group are always root.
    public var permissions: UInt32

    public init(path: String, content: Content, permissions: UInt32) {
        self.path = path
        self.content = content
        self.permissions = permissions
    }
}
