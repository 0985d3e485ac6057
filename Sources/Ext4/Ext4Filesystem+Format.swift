#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import CLibext2fs

extension Ext4Filesystem {
    /// Formats an ext4 filesystem with `mke2fs -t ext4`'s features into the bytes
    /// `[offset, offset + parameters.size)` of the existing file at `path`, touching nothing outside.
    ///
    /// The region is first made a hole, so that inode tables and the journal need not be written
    /// with zeros: the image stays sparse. Throws `Ext4Error.invalidParameters` for bad parameters
    /// or a region past the end of the file, `.system` when the file cannot be examined,
    /// `.library` when libext2fs fails (also when the file cannot be hole-punched) or cannot be
    /// loaded. Wraps `ext2fs_initialize` and `io_channel_discard`.
    public static func format(path: String, offset: UInt64, parameters: Ext4Parameters) throws(Ext4Error)
        -> Ext4Filesystem
    {
        if let problem = parameters.problem { throw .invalidParameters(reason: problem) }
        try Ext4Region(imagePath: path, offset: offset, size: parameters.size).validate()
        let libext2fs = try Libext2fs.load(for: path)
        Ext4ErrorTable.register()
        var superblock = Ext4Superblock.parameters(for: parameters, libext2fs)
        var created: ext2_filsys?
        let code = libext2fs.ext2fs_initialize(path, EXT2_FLAG_64BITS, &superblock, libext2fs.unixIOManager, &created)
        guard code == 0, let created else {
            throw .library(operation: "ext2fs_initialize", image: path, path: nil, code: code,
                           message: Ext4ErrorTable.message(code, libext2fs))
        }
        let filesystem = Ext4Filesystem(libext2fs, handle: created, imagePath: path, offset: offset, parameters: parameters)
        // From here on `filesystem` owns the handle and frees it if a step throws.
        let options = libext2fs.io_channel_set_options(created.pointee.io, "offset=\(offset)")
        try filesystem.check(options, "io_channel_set_options")
        // Punch the region to a hole (unix_io discards regular files with fallocate), so that it
        // reads as zeros and inode tables and the journal never have to be written.
        let blocks = libext2fs.ext2fs_blocks_count(created.pointee.super)
        try filesystem.check(libext2fs.io_channel_discard(created.pointee.io, 0, blocks), "io_channel_discard")
        try filesystem.createMetadata()
        return filesystem
    }

    /// Everything `mke2fs` writes after `ext2fs_initialize`, in its order.
    private func createMetadata() throws(Ext4Error) {
        let fs = try open()
        Ext4Superblock.pin(fs, parameters)
        // The checksum seed derives from the UUID, so it comes after it and before any metadata.
        libext2fs.ext2fs_init_csum_seed(fs)
        try check(libext2fs.ext2fs_allocate_tables(fs), "ext2fs_allocate_tables")
        for group in 0..<fs.pointee.group_desc_count {
            // The region reads as zeros (it was hole-punched), which is what the flag promises
            // the kernel; without it ext4lazyinit would write every inode table after mounting.
            libext2fs.ext2fs_bg_flags_set(fs, group, UInt16(EXT2_BG_INODE_ZEROED))
            libext2fs.ext2fs_group_desc_csum_set(fs, group)
        }
        try writeReservedInodes(fs)
        try createRootAndLostFound(fs)
        try reserveSpecialInodes(fs)
        try check(libext2fs.ext2fs_create_resize_inode(fs), "ext2fs_create_resize_inode")
        var journal = ext2fs_journal_params()
        try check(libext2fs.ext2fs_get_journal_params(&journal, fs), "ext2fs_get_journal_params")
        // Lazy: only the journal superblock is written; the rest is the zeroed region.
        let flags = EXT2_MKJOURNAL_LAZYINIT | EXT2_MKJOURNAL_NO_MNT_CHECK
        try check(libext2fs.ext2fs_add_journal_inode3(fs, &journal, ~0, Int32(flags)), "ext2fs_add_journal_inode3")
    }

    /// Reserved inodes get valid checksums even though unused, as mke2fs does for metadata_csum.
    private func writeReservedInodes(_ fs: ext2_filsys) throws(Ext4Error) {
        var inode = ext2_inode_large()
        for number in 1..<fs.pointee.super.pointee.s_first_ino {
            try check(Ext4Inode.write(libext2fs, fs, number, &inode), "ext2fs_write_inode_full")
        }
    }

    private func createRootAndLostFound(_ fs: ext2_filsys) throws(Ext4Error) {
        let root = ino(EXT2_ROOT_INO)
        try check(libext2fs.ext2fs_mkdir(fs, root, root, nil), "ext2fs_mkdir", path: "/")
        try updateMetadata(of: root, Ext4Metadata(directoryMode: 0o755, time: parameters.timestamp), path: "/")
        let lostFound = try makeDirectory("lost+found", parent: root, path: "lost+found")
        // e2fsck wants room to reconnect orphans without allocating: 16 KiB, as mke2fs leaves it.
        for _ in 1..<(16384 / fs.pointee.blocksize) {
            try check(libext2fs.ext2fs_expand_dir(fs, lostFound), "ext2fs_expand_dir", path: "lost+found")
        }
        try updateMetadata(of: lostFound, Ext4Metadata(directoryMode: 0o700, time: parameters.timestamp),
                           path: "lost+found")
        nodes["lost+found"] = Node(inode: lostFound, isDirectory: true)
    }

    /// Marks inodes 3 to 10 and the bad-blocks inode in use, as mke2fs does.
    private func reserveSpecialInodes(_ fs: ext2_filsys) throws(Ext4Error) {
        for number in (ino(EXT2_ROOT_INO) + 1)..<fs.pointee.super.pointee.s_first_ino {
            libext2fs.ext2fs_inode_alloc_stats2(fs, number, 1, 0)
        }
        _ = libext2fs.ext2fs_mark_inode_bitmap2(fs.pointee.inode_map, ino(EXT2_BAD_INO))  // returns the old bit
        libext2fs.ext2fs_inode_alloc_stats2(fs, ino(EXT2_BAD_INO), 1, 0)
        try check(libext2fs.ext2fs_update_bb_inode(fs, nil), "ext2fs_update_bb_inode")
    }
}
