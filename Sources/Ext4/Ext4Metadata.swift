import CLibext2fs

/// Owner, permissions and times of one inode, as the archive header or the caller gives them.
struct Ext4Metadata {
    /// Permission bits including setuid, setgid and sticky.
    var permissions: UInt16
    var uid: UInt32
    var gid: UInt32
    var seconds: Int64
    var nanoseconds: UInt32

    init(permissions: UInt16, uid: UInt32, gid: UInt32, seconds: Int64, nanoseconds: UInt32 = 0) {
        self.permissions = permissions & 0o7777
        self.uid = uid
        self.gid = gid
        self.seconds = seconds
        self.nanoseconds = nanoseconds
    }

    /// A root-owned directory stamped with `time`, for implicit parents and the root.
    init(directoryMode: UInt16, time: Int64) {
        self.init(permissions: directoryMode, uid: 0, gid: 0, seconds: time)
    }

    /// Sets type, permissions, owner and times; access and change times follow the modification
    /// time (nothing else is reproducible), the creation time is the filesystem's timestamp.
    func apply(to inode: inout ext2_inode_large, type: UInt16, created: Int64) {
        inode.i_mode = type | permissions
        inode.i_uid = UInt16(truncatingIfNeeded: uid)
        inode.osd2.linux2.l_i_uid_high = UInt16(truncatingIfNeeded: uid >> 16)
        inode.i_gid = UInt16(truncatingIfNeeded: gid)
        inode.osd2.linux2.l_i_gid_high = UInt16(truncatingIfNeeded: gid >> 16)
        let (time, extra) = Self.encode(seconds, nanoseconds)
        (inode.i_mtime, inode.i_mtime_extra) = (time, extra)
        (inode.i_atime, inode.i_atime_extra) = (time, extra)
        (inode.i_ctime, inode.i_ctime_extra) = (time, extra)
        (inode.i_crtime, inode.i_crtime_extra) = Self.encode(created, 0)
        // The extra fields above only count when the inode says it has them.
        let extraSize = UInt16(MemoryLayout<ext2_inode_large>.size - Int(EXT2_GOOD_OLD_INODE_SIZE))
        if inode.i_extra_isize < extraSize { inode.i_extra_isize = extraSize }
    }

    /// ext4's time encoding: the low 32 bits of the seconds, and in the extra field two more
    /// epoch bits (dates up to 2446) plus the nanoseconds shifted left by two.
    static func encode(_ seconds: Int64, _ nanoseconds: UInt32) -> (UInt32, UInt32) {
        let low = UInt32(truncatingIfNeeded: seconds)
        let epochs = UInt32(truncatingIfNeeded: (seconds - Int64(Int32(truncatingIfNeeded: seconds))) >> 32) & 3
        return (low, epochs | (nanoseconds << 2))
    }
}
