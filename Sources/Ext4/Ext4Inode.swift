import CLibext2fs

/// Full-size inode reads and writes: `ext2fs_write_new_inode` and the small-inode calls drop
/// the large-inode fields (nanoseconds, creation time, extra size), so Kiln always passes
/// `ext2_inode_large`.
enum Ext4Inode {
    /// The type bits of `i_mode` (`LINUX_S_IFMT`, a macro with no Swift counterpart).
    static let typeMask: UInt16 = 0o170000
    static let regular = UInt16(LINUX_S_IFREG)
    static let directory = UInt16(LINUX_S_IFDIR)
    static let symlink = UInt16(LINUX_S_IFLNK)

    /// Wraps `ext2fs_write_inode_full`.
    static func write(_ libext2fs: Libext2fs, _ fs: ext2_filsys, _ number: ext2_ino_t,
                      _ inode: inout ext2_inode_large) -> errcode_t {
        withSmall(&inode) { libext2fs.ext2fs_write_inode_full(fs, number, $0, Int32(MemoryLayout<ext2_inode_large>.size)) }
    }

    /// Wraps `ext2fs_read_inode_full`.
    static func read(_ libext2fs: Libext2fs, _ fs: ext2_filsys, _ number: ext2_ino_t,
                     _ inode: inout ext2_inode_large) -> errcode_t {
        withSmall(&inode) { libext2fs.ext2fs_read_inode_full(fs, number, $0, Int32(MemoryLayout<ext2_inode_large>.size)) }
    }

    /// Hands a large inode to the many calls typed for the small one it begins with.
    static func withSmall<R>(_ inode: inout ext2_inode_large, _ body: (UnsafeMutablePointer<ext2_inode>) -> R) -> R {
        withUnsafeMutablePointer(to: &inode) { $0.withMemoryRebound(to: ext2_inode.self, capacity: 1, body) }
    }

    /// Device numbers as the kernel stores them in `i_block`: the old 8:8 encoding when both fit
    /// (as mke2fs -d and the kernel write them), the new 12:20 one otherwise.
    static func setDevice(_ inode: inout ext2_inode_large, major: UInt32, minor: UInt32) {
        withUnsafeMutableBytes(of: &inode.i_block) { raw in
            let words = raw.bindMemory(to: UInt32.self)
            if major < 256 && minor < 256 {
                words[0] = (major << 8) | minor
            } else {
                words[1] = (minor & 0xff) | (major << 8) | ((minor & ~0xff) << 12)
            }
        }
    }
}
