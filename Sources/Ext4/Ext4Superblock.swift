import CLibext2fs

/// The superblock fields Kiln chooses: `mke2fs -t ext4` with Debian 12's mke2fs.conf, minus
/// everything random or clock-dependent.
enum Ext4Superblock {
    /// The template `ext2fs_initialize` computes the layout from.
    static func parameters(for parameters: Ext4Parameters, _ libext2fs: Libext2fs) -> ext2_super_block {
        var superblock = ext2_super_block()
        let blocks = parameters.size / Ext4Parameters.blockSize
        libext2fs.ext2fs_blocks_count_set(&superblock, blocks)
        libext2fs.ext2fs_r_blocks_count_set(&superblock, blocks * 5 / 100)
        superblock.s_log_block_size = 2  // 1024 << 2 = 4096
        superblock.s_rev_level = UInt32(EXT2_DYNAMIC_REV)
        superblock.s_inode_size = 256
        superblock.s_inodes_count = UInt32(clamping: parameters.size / Ext4Parameters.bytesPerInode)
        superblock.s_log_groups_per_flex = 4
        superblock.s_desc_size = UInt16(EXT2_MIN_DESC_SIZE_64BIT)
        superblock.s_default_mount_opts = UInt32(EXT2_DEFM_XATTR_USER | EXT2_DEFM_ACL)
        superblock.s_max_mnt_count = -1  // enable_periodic_fsck = 0
        // base_features, then the ext4 fs_type's features.
        ext2fs_set_feature_sparse_super(&superblock)
        ext2fs_set_feature_large_file(&superblock)
        ext2fs_set_feature_filetype(&superblock)
        ext2fs_set_feature_resize_inode(&superblock)
        ext2fs_set_feature_dir_index(&superblock)
        ext2fs_set_feature_xattr(&superblock)
        ext2fs_set_feature_journal(&superblock)
        ext2fs_set_feature_extents(&superblock)
        ext2fs_set_feature_huge_file(&superblock)
        ext2fs_set_feature_flex_bg(&superblock)
        ext2fs_set_feature_metadata_csum(&superblock)
        ext2fs_set_feature_64bit(&superblock)
        ext2fs_set_feature_dir_nlink(&superblock)
        ext2fs_set_feature_extra_isize(&superblock)
        return superblock
    }

    /// Replaces what `ext2fs_initialize` took from the clock, a random source and the host.
    static func pin(_ fs: ext2_filsys, _ parameters: Ext4Parameters) {
        // libext2fs reads `now == 0` as "ask the clock", so an epoch of 0 is stamped as 1 second
        // where libext2fs stamps times itself (superblock write time); Kiln sets every other time.
        fs.pointee.now = time_t(max(parameters.timestamp, 1))
        let superblock = fs.pointee.super!
        let time = UInt32(truncatingIfNeeded: parameters.timestamp)
        superblock.pointee.s_mkfs_time = time
        superblock.pointee.s_lastcheck = time
        superblock.pointee.s_wtime = time
        copy(parameters.uuid, into: &superblock.pointee.s_uuid)
        copy(parameters.hashSeed, into: &superblock.pointee.s_hash_seed)
        copy(Array(parameters.label.utf8), into: &superblock.pointee.s_volume_name)
        superblock.pointee.s_def_hash_version = UInt8(EXT2_HASH_HALF_MD4)
        // mke2fs records the host's `char` signedness; pin x86's so arm64 hosts build the same bytes.
        superblock.pointee.s_flags &= ~UInt32(EXT2_FLAGS_UNSIGNED_HASH)
        superblock.pointee.s_flags |= UInt32(EXT2_FLAGS_SIGNED_HASH)
        superblock.pointee.s_checksum_type = UInt8(EXT2_CRC32C_CHKSUM)
    }

    /// Copies `bytes` into a fixed-size C array field, zero-padding the rest.
    private static func copy<Field>(_ bytes: [UInt8], into field: inout Field) {
        withUnsafeMutableBytes(of: &field) { raw in
            raw.initializeMemory(as: UInt8.self, repeating: 0)
            raw.copyBytes(from: bytes.prefix(raw.count))
        }
    }
}
