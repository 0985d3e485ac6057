import Archive
import CLibext2fs

/// An ext4 filesystem being built inside a byte region of an image file, from an archive and
/// single files, and readable while it is built; everything is written through libext2fs,
/// unprivileged: owners, modes and device numbers come from the caller, never from the host.
///
/// Call `close()` and check it: `deinit` frees the handle without flushing, leaving the region
/// unfinished. Not `Sendable`: libext2fs's handle is not thread-safe.
public final class Ext4Filesystem {
    /// The image file holding the filesystem; names it in errors.
    public let imagePath: String
    /// Where the filesystem starts in the image file.
    public let offset: UInt64
    /// What the filesystem was formatted with.
    public let parameters: Ext4Parameters
    /// The libext2fs the handle was opened with.
    let libext2fs: Libext2fs
    /// The open libext2fs handle; `nil` once closed.
    var handle: ext2_filsys?
    /// Every path written so far (normalised, root is ""), so that names are looked up without
    /// scanning directories and duplicates replace instead of being linked twice
    /// (`ext2fs_link` does not check).
    var nodes: [String: Node] = ["": Node(inode: ino(EXT2_ROOT_INO), isDirectory: true)]

    /// An inode as the path map knows it.
    struct Node {
        var inode: ext2_ino_t
        var isDirectory: Bool
    }

    init(_ libext2fs: Libext2fs, handle: ext2_filsys, imagePath: String, offset: UInt64, parameters: Ext4Parameters) {
        self.libext2fs = libext2fs
        self.handle = handle
        self.imagePath = imagePath
        self.offset = offset
        self.parameters = parameters
    }

    deinit {
        // Without close() the caller gave up on the filesystem: free memory, write nothing.
        if handle != nil { libext2fs.ext2fs_free(handle) }
    }

    /// Writes the superblocks, group descriptors and bitmaps, and releases the handle.
    ///
    /// Throws `Ext4Error.library` when the final writes fail, `.closed` when already closed.
    /// Wraps `ext2fs_close_free`.
    public func close() throws(Ext4Error) {
        var fs: ext2_filsys? = try open()
        handle = nil
        try check(libext2fs.ext2fs_close_free(&fs), "ext2fs_close_free")
    }

    /// The open handle.
    ///
    /// Throws `Ext4Error.closed` after `close()`.
    func open() throws(Ext4Error) -> ext2_filsys {
        guard let handle else { throw .closed(image: imagePath) }
        return handle
    }

    /// Turns a libext2fs return code into an error; while writing `path`, exhausted blocks or
    /// inodes become `.noSpace` naming it.
    func check(_ code: errcode_t, _ operation: String, path: String? = nil) throws(Ext4Error) {
        guard code != 0 else { return }
        throw error(code, operation, path: path)
    }

    func error(_ code: errcode_t, _ operation: String, path: String?) -> Ext4Error {
        let exhausted: Set<errcode_t> = [
            EXT2_ET_BLOCK_ALLOC_FAIL, EXT2_ET_INODE_ALLOC_FAIL, EXT2_ET_DIR_NO_SPACE_FOR_CSUM,
            EXT2_ET_EA_NO_SPACE,
        ]
        // ENOSPC itself comes from the host: the file holding the image could not grow, which is not this
        // filesystem being full; it stays a .library error with the errno as code for the caller to tell apart.
        if let path, exhausted.contains(code) {
            return .noSpace(image: imagePath, filesystemSize: parameters.size, path: path)
        }
        return .library(operation: operation, image: imagePath, path: path, code: code,
                        message: Ext4ErrorTable.message(code, libext2fs))
    }
}

/// libext2fs's inode numbers are `ext2_ino_t`; its constants import as `Int32`.
func ino(_ value: Int32) -> ext2_ino_t { ext2_ino_t(value) }
