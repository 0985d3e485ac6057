// libext2fs (with com_err, which it reports errors through), opened with dlopen the first time
// Kiln formats an ext4 filesystem.
//
// Linked, libext2fs and libcom_err would be mapped and relocated at every start of `kiln`, also
// for commands that never touch a filesystem (`kiln router apply` must start as fast as `nft`).
// The Ext4 module reaches both only through the table below.
#ifndef KILN_CLIBEXT2FSLOADER_H
#define KILN_CLIBEXT2FSLOADER_H

#include <ext2fs/ext2_fs.h>
#include <ext2fs/ext2fs.h>
#include <et/com_err.h>

#pragma clang assume_nonnull begin

// The file dlopen looks for; Debian's libext2fs2 package provides it. It lists libcom_err.so.2
// (Debian package libcom-err2) as NEEDED, so loading it maps com_err too, and dlsym on its handle
// searches that dependency as well: `error_message` resolves through the same table, and a
// missing libcom_err fails the dlopen with dlerror() naming it.
#define KILN_LIBEXT2FS_SONAME "libext2fs.so.2"

// Every libext2fs and com_err symbol Kiln uses. A call not listed here fails to link (no
// -lext2fs, no -lcom_err). The ext2fs_set_feature_* and ext2fs_has_feature_* helpers are static
// inline bit operations on the superblock in ext2fs.h: they call nothing and stay inline.
//
// `unix_io_manager` is data, not a function: `extern io_manager unix_io_manager;`. dlsym gives
// the variable's address, so its slot is an `io_manager *` (see kiln_unix_io_manager below).
#define KILN_LIBEXT2FS_SYMBOLS(F) \
    F(initialize_ext2_error_table) F(error_message) F(unix_io_manager) \
    F(ext2fs_initialize) F(ext2fs_free) F(ext2fs_close_free) \
    F(io_channel_set_options) F(io_channel_discard) \
    F(ext2fs_blocks_count) F(ext2fs_blocks_count_set) F(ext2fs_r_blocks_count_set) \
    F(ext2fs_init_csum_seed) F(ext2fs_allocate_tables) F(ext2fs_bg_flags_set) F(ext2fs_group_desc_csum_set) \
    F(ext2fs_create_resize_inode) F(ext2fs_get_journal_params) F(ext2fs_add_journal_inode3) \
    F(ext2fs_update_bb_inode) F(ext2fs_mark_inode_bitmap2) F(ext2fs_inode_alloc_stats2) \
    F(ext2fs_read_inode_full) F(ext2fs_write_inode_full) F(ext2fs_new_inode) \
    F(ext2fs_mkdir) F(ext2fs_symlink) F(ext2fs_link) F(ext2fs_unlink) F(ext2fs_expand_dir) \
    F(ext2fs_namei_follow) F(ext2fs_dir_iterate2) F(ext2fs_dirent_name_len) \
    F(ext2fs_extent_open2) F(ext2fs_extent_free) \
    F(ext2fs_inode_has_valid_blocks2) F(ext2fs_punch) F(ext2fs_free_ext_attr) \
    F(ext2fs_xattrs_open) F(ext2fs_xattrs_read) F(ext2fs_xattr_set) F(ext2fs_xattrs_close) \
    F(ext2fs_file_open) F(ext2fs_file_close) F(ext2fs_file_llseek) F(ext2fs_file_read) F(ext2fs_file_write) \
    F(ext2fs_file_get_lsize) F(ext2fs_file_set_size2)

// One pointer per symbol, typed from the libraries' own declarations: a function pointer for
// each function, `io_manager *` for the `unix_io_manager` variable.
// `io_manager` is itself a pointer type whose nullability libext2fs's header does not state, so
// the `io_manager *` field would warn once per including file; the table's pointers are non-null.
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wnullability-completeness"
struct kiln_libext2fs {
#define KILN_LIBEXT2FS_FIELD(name) __typeof__(name) *name;
    KILN_LIBEXT2FS_SYMBOLS(KILN_LIBEXT2FS_FIELD)
#undef KILN_LIBEXT2FS_FIELD
};
#pragma clang diagnostic pop

// Opens libext2fs.so.2 (RTLD_NOW | RTLD_LOCAL) and resolves the table, once per process;
// thread-safe. Returns the table, or NULL with *reason set to dlerror()'s text (static storage).
const struct kiln_libext2fs *_Nullable kiln_libext2fs_load(const char *_Nullable *_Nonnull reason);

// `unix_io_manager` is a mutable global that Swift reaches only through a pointer to it; reading
// it here hands Swift the io_manager value itself (the one libext2fs's own unix I/O uses).
static inline io_manager kiln_unix_io_manager(const struct kiln_libext2fs *lib) { return *lib->unix_io_manager; }

#pragma clang assume_nonnull end

#endif
