import Archive
import CLibext2fs

// Hard links, replacement of an existing path, and extended attributes.
extension Ext4Filesystem {
    /// Links `name` to the inode an earlier entry created at `target` and counts the new link.
    func hardLink(_ path: String, name: String, parent: ext2_ino_t, target: String) throws(Ext4Error) {
        let fs = try open()
        let targetPath = try Ext4Path.normalize(target)
        guard let node = nodes[targetPath] else {
            throw .invalidPath(path: path, reason: "hard link to '\(target)', which the archive has not created")
        }
        guard !node.isDirectory else { throw .invalidPath(path: path, reason: "hard link to directory '\(target)'") }
        var inode = ext2_inode_large()
        try check(Ext4Inode.read(libext2fs, fs, node.inode, &inode), "ext2fs_read_inode_full", path: path)
        try link(name, to: node.inode, in: parent, type: Self.fileType(ofMode: inode.i_mode), path: path)
        inode.i_links_count += 1
        try check(Ext4Inode.write(libext2fs, fs, node.inode, &inode), "ext2fs_write_inode_full", path: path)
        nodes[path] = node
    }

    /// Removes `path` so a later archive entry can take its place, as tar does on extraction;
    /// the inode and its blocks are freed with its last link.
    func remove(_ path: String, _ node: Node, parent: ext2_ino_t, name: String) throws(Ext4Error) {
        let fs = try open()
        if node.isDirectory, nodes.keys.contains(where: { $0.hasPrefix(path + "/") }) {
            throw .invalidPath(path: path, reason: "replaces a directory that is not empty")
        }
        try check(libext2fs.ext2fs_unlink(fs, parent, name, node.inode, 0), "ext2fs_unlink", path: path)
        nodes[path] = nil
        var inode = ext2_inode_large()
        try check(Ext4Inode.read(libext2fs, fs, node.inode, &inode), "ext2fs_read_inode_full", path: path)
        if node.isDirectory {
            // Its `..` counted as a link to the parent.
            var parentInode = ext2_inode_large()
            try check(Ext4Inode.read(libext2fs, fs, parent, &parentInode), "ext2fs_read_inode_full", path: path)
            parentInode.i_links_count -= 1
            try check(Ext4Inode.write(libext2fs, fs, parent, &parentInode), "ext2fs_write_inode_full", path: path)
            inode.i_links_count = 0
        } else {
            inode.i_links_count -= 1
        }
        if inode.i_links_count == 0 { try free(node.inode, &inode, isDirectory: node.isDirectory, path: path) }
        try check(Ext4Inode.write(libext2fs, fs, node.inode, &inode), "ext2fs_write_inode_full", path: path)
    }

    private func free(_ number: ext2_ino_t, _ inode: inout ext2_inode_large, isDirectory: Bool,
                      path: String) throws(Ext4Error) {
        let fs = try open()
        if Ext4Inode.withSmall(&inode, { libext2fs.ext2fs_inode_has_valid_blocks2(fs, $0) }) != 0 {
            let code = Ext4Inode.withSmall(&inode) { libext2fs.ext2fs_punch(fs, number, $0, nil, 0, ~0) }
            try check(code, "ext2fs_punch", path: path)
        }
        try check(libext2fs.ext2fs_free_ext_attr(fs, number, &inode), "ext2fs_free_ext_attr", path: path)
        inode.i_dtime = UInt32(truncatingIfNeeded: parameters.timestamp)
        libext2fs.ext2fs_inode_alloc_stats2(fs, number, -1, isDirectory ? 1 : 0)
    }

    /// Stores `attributes` on the inode; POSIX ACLs in the Linux xattr format are converted to
    /// ext4's by libext2fs. Wraps `ext2fs_xattr_set`.
    func setXattrs(_ attributes: [ArchiveEntry.ExtendedAttribute], on number: ext2_ino_t, path: String) throws(Ext4Error) {
        guard !attributes.isEmpty else { return }
        var handle: OpaquePointer?
        try check(libext2fs.ext2fs_xattrs_open(try open(), number, &handle), "ext2fs_xattrs_open", path: path)
        // Close even when a step fails, so the handle's memory is not lost.
        var failure: (code: errcode_t, operation: String)?
        let read = libext2fs.ext2fs_xattrs_read(handle)
        if read != 0 { failure = (read, "ext2fs_xattrs_read") }
        for attribute in attributes where failure == nil {
            // An empty value still needs a valid pointer.
            let code = (attribute.value.isEmpty ? [0] : attribute.value).withUnsafeBytes {
                libext2fs.ext2fs_xattr_set(handle, attribute.name, $0.baseAddress, attribute.value.count)
            }
            if code != 0 { failure = (code, "ext2fs_xattr_set(\(attribute.name))") }
        }
        let closed = libext2fs.ext2fs_xattrs_close(&handle)
        if let failure { throw error(failure.code, failure.operation, path: path) }
        try check(closed, "ext2fs_xattrs_close", path: path)
    }

    /// The directory-entry file type for an inode's mode.
    static func fileType(ofMode mode: UInt16) -> Int32 {
        switch mode & Ext4Inode.typeMask {
        case Ext4Inode.directory: EXT2_FT_DIR
        case Ext4Inode.symlink: EXT2_FT_SYMLINK
        case UInt16(LINUX_S_IFCHR): EXT2_FT_CHRDEV
        case UInt16(LINUX_S_IFBLK): EXT2_FT_BLKDEV
        case UInt16(LINUX_S_IFIFO): EXT2_FT_FIFO
        case UInt16(LINUX_S_IFSOCK): EXT2_FT_SOCK
        default: EXT2_FT_REG_FILE
        }
    }
}
