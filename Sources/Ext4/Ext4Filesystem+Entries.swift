import Archive
import CLibext2fs

// Creating, replacing and linking inodes at normalised paths. The path map (`nodes`) is the
// only name lookup while writing: libext2fs's lookups scan whole directories.
extension Ext4Filesystem {
    /// Creates (or, as tar would, replaces) the inode at `path`; returns it, or `nil` for a hard
    /// link, which has no data of its own. Directories that exist only get new metadata.
    func place(_ path: String, kind: ArchiveEntry.Kind, metadata: Ext4Metadata,
               xattrs: [ArchiveEntry.ExtendedAttribute]) throws(Ext4Error) -> ext2_ino_t? {
        guard let (parentPath, name) = Ext4Path.split(path) else {
            guard kind == .directory else { throw .invalidPath(path: "/", reason: "the root must be a directory") }
            try updateMetadata(of: ino(EXT2_ROOT_INO), metadata, path: "/")
            try setXattrs(xattrs, on: ino(EXT2_ROOT_INO), path: "/")
            return ino(EXT2_ROOT_INO)
        }
        let parent = try directory(at: parentPath)
        if let existing = nodes[path] {
            if existing.isDirectory, kind == .directory {
                try updateMetadata(of: existing.inode, metadata, path: path)
                try setXattrs(xattrs, on: existing.inode, path: path)
                return existing.inode
            }
            try remove(path, existing, parent: parent, name: name)
        }
        if case .hardlink(let target) = kind {
            try hardLink(path, name: name, parent: parent, target: target)
            return nil
        }
        let number = try create(path, name: name, parent: parent, kind: kind, metadata: metadata)
        try setXattrs(xattrs, on: number, path: path)
        nodes[path] = Node(inode: number, isDirectory: kind == .directory)
        return number
    }

    /// The directory at `path`, created root-owned with mode 0755 (with its parents) if the
    /// archive did not list it before its contents.
    func directory(at path: String) throws(Ext4Error) -> ext2_ino_t {
        if let node = nodes[path] {
            guard node.isDirectory else { throw .invalidPath(path: path, reason: "is not a directory") }
            return node.inode
        }
        guard let (parentPath, name) = Ext4Path.split(path) else { return ino(EXT2_ROOT_INO) }
        let parent = try directory(at: parentPath)
        let number = try makeDirectory(name, parent: parent, path: path)
        try updateMetadata(of: number, Ext4Metadata(directoryMode: 0o755, time: parameters.timestamp), path: path)
        nodes[path] = Node(inode: number, isDirectory: true)
        return number
    }

    private func create(_ path: String, name: String, parent: ext2_ino_t, kind: ArchiveEntry.Kind,
                        metadata: Ext4Metadata) throws(Ext4Error) -> ext2_ino_t {
        let fs = try open()
        switch kind {
        case .directory:
            let number = try makeDirectory(name, parent: parent, path: path)
            try updateMetadata(of: number, metadata, path: path)
            return number
        case .symlink(let target):
            let number = try newInode(parent: parent, type: Ext4Inode.symlink, path: path)
            try check(libext2fs.ext2fs_symlink(fs, parent, number, nil, target), "ext2fs_symlink", path: path)
            try updateMetadata(of: number, metadata, path: path)
            try link(name, to: number, in: parent, type: EXT2_FT_SYMLINK, path: path)
            return number
        default:
            let (type, fileType) = Self.types(of: kind)
            let number = try newInode(parent: parent, type: type, path: path)
            var inode = ext2_inode_large()
            metadata.apply(to: &inode, type: type, created: parameters.timestamp)
            inode.i_links_count = 1
            switch kind {
            case let .characterDevice(major, minor), let .blockDevice(major, minor):
                Ext4Inode.setDevice(&inode, major: major, minor: minor)
            case .regular:
                try startExtentTree(&inode, number, path: path)
            default: break
            }
            try check(Ext4Inode.write(libext2fs, fs, number, &inode), "ext2fs_write_inode_full", path: path)
            try link(name, to: number, in: parent, type: fileType, path: path)
            libext2fs.ext2fs_inode_alloc_stats2(fs, number, 1, 0)
            return number
        }
    }

    /// Mode type bits and directory-entry file type for the kinds `create` makes from scratch.
    private static func types(of kind: ArchiveEntry.Kind) -> (UInt16, Int32) {
        switch kind {
        case .characterDevice: (UInt16(LINUX_S_IFCHR), EXT2_FT_CHRDEV)
        case .blockDevice: (UInt16(LINUX_S_IFBLK), EXT2_FT_BLKDEV)
        case .fifo: (UInt16(LINUX_S_IFIFO), EXT2_FT_FIFO)
        case .socket: (UInt16(LINUX_S_IFSOCK), EXT2_FT_SOCK)
        default: (Ext4Inode.regular, EXT2_FT_REG_FILE)
        }
    }

    /// An empty extent tree in `i_block`, so data blocks are mapped by extents (ext4's `extent`).
    private func startExtentTree(_ inode: inout ext2_inode_large, _ number: ext2_ino_t, path: String) throws(Ext4Error) {
        let fs = try open()
        var tree: ext2_extent_handle_t?
        let code = Ext4Inode.withSmall(&inode) { libext2fs.ext2fs_extent_open2(fs, number, $0, &tree) }
        try check(code, "ext2fs_extent_open2", path: path)
        libext2fs.ext2fs_extent_free(tree)
    }

    /// A directory with `.` and `..`, linked into `parent` as `name`.
    func makeDirectory(_ name: String, parent: ext2_ino_t, path: String) throws(Ext4Error) -> ext2_ino_t {
        let number = try newInode(parent: parent, type: Ext4Inode.directory, path: path)
        // No name: ext2fs_mkdir would look it up and link it without expanding a full directory.
        try check(libext2fs.ext2fs_mkdir(try open(), parent, number, nil), "ext2fs_mkdir", path: path)
        try link(name, to: number, in: parent, type: EXT2_FT_DIR, path: path)
        return number
    }

    /// The next free inode; it stays free until its allocation is recorded.
    private func newInode(parent: ext2_ino_t, type: UInt16, path: String) throws(Ext4Error) -> ext2_ino_t {
        var number: ext2_ino_t = 0
        try check(libext2fs.ext2fs_new_inode(try open(), parent, Int32(type), nil, &number), "ext2fs_new_inode", path: path)
        return number
    }

    /// Adds a directory entry, growing the directory by a block when it is full.
    /// Wraps `ext2fs_link` and `ext2fs_expand_dir`.
    func link(_ name: String, to number: ext2_ino_t, in parent: ext2_ino_t, type: Int32, path: String) throws(Ext4Error) {
        let fs = try open()
        var code = libext2fs.ext2fs_link(fs, parent, name, number, type)
        if code == EXT2_ET_DIR_NO_SPACE {
            try check(libext2fs.ext2fs_expand_dir(fs, parent), "ext2fs_expand_dir", path: path)
            code = libext2fs.ext2fs_link(fs, parent, name, number, type)
        }
        try check(code, "ext2fs_link", path: path)
    }

    /// Rewrites owner, permissions and times, keeping the type and everything else.
    func updateMetadata(of number: ext2_ino_t, _ metadata: Ext4Metadata, path: String) throws(Ext4Error) {
        let fs = try open()
        var inode = ext2_inode_large()
        try check(Ext4Inode.read(libext2fs, fs, number, &inode), "ext2fs_read_inode_full", path: path)
        metadata.apply(to: &inode, type: inode.i_mode & Ext4Inode.typeMask, created: parameters.timestamp)
        try check(Ext4Inode.write(libext2fs, fs, number, &inode), "ext2fs_write_inode_full", path: path)
    }
}
