/// One member of an archive as its header describes it: nothing here comes from the disk.
///
/// Kiln builds root filesystems without root, so owners, modes, device numbers and
/// xattrs live only in these values and in the archive headers.
public struct ArchiveEntry: Sendable, Equatable {
    /// The path exactly as stored in the archive (e.g. `./etc/passwd` or `etc/passwd`).
    public var path: String
    /// What the entry is, with the link target or device numbers where it has them.
    public var kind: Kind
    /// Permission bits including setuid, setgid and sticky (`mode & 0o7777`).
    public var permissions: UInt32
    /// Numeric owner.
    public var uid: UInt32
    /// Numeric group.
    public var gid: UInt32
    /// Owner name, when the archive records one.
    public var userName: String?
    /// Group name, when the archive records one.
    public var groupName: String?
    /// Modification time; defaults to the epoch so written archives stay reproducible.
    public var modificationTime: Timestamp
    /// Size of the entry's data in bytes (the full logical size for sparse files); 0 for kinds
    /// without data, such as directories, devices and symlinks.
    public var size: Int64
    /// Extended attributes in archive order.
    public var xattrs: [ExtendedAttribute]

    /// Creates an entry; every field not given has the reproducible default (root, epoch, empty).
    public init(
        path: String,
        kind: Kind,
        permissions: UInt32,
        uid: UInt32 = 0,
        gid: UInt32 = 0,
        userName: String? = nil,
        groupName: String? = nil,
        modificationTime: Timestamp = .epoch,
        size: Int64 = 0,
        xattrs: [ExtendedAttribute] = []
    ) {
        self.path = path
        self.kind = kind
        self.permissions = permissions
        self.uid = uid
        self.gid = gid
        self.userName = userName
        self.groupName = groupName
        self.modificationTime = modificationTime
        self.size = size
        self.xattrs = xattrs
    }

    /// The path relative to the archive root: no leading `/` or `./`, no empty or `.`
    /// components, no trailing `/`; the root itself is `""`. `..` is kept so callers can reject it.
    public var normalizedPath: String {
        path.split(separator: "/", omittingEmptySubsequences: true)
            .filter { $0 != "." }
            .joined(separator: "/")
    }
}
