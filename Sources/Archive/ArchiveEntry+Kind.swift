extension ArchiveEntry {
    /// The file type of an entry, carrying what only that type has.
    public enum Kind: Sendable, Equatable, Hashable {
        case regular
        case directory
        case symlink(target: String)
        /// Another name for an earlier entry; `target` is that entry's path as stored.
        case hardlink(target: String)
        case characterDevice(major: UInt32, minor: UInt32)
        case blockDevice(major: UInt32, minor: UInt32)
        case fifo
        case socket
    }
}
