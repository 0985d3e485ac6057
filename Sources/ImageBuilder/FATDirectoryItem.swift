/// An entry as `FATReader` lists it.
public struct FATDirectoryItem: Sendable, Equatable {
    /// The long name if there is one, else the 8.3 name with its case flags applied.
    public var name: String
    /// The 8.3 name, e.g. `BCM271~1.DTB`.
    public var shortName: String
    public var isDirectory: Bool
    public var size: UInt64
    public var firstCluster: UInt32
    public var timestamp: FATTimestamp
}
