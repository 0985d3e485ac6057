// libarchive, opened with dlopen the first time Kiln reads or writes an archive.
//
// Linking -larchive would make the dynamic loader map and relocate libarchive and its ~20
// dependencies (libxml2 with ICU, nettle, lzma, zstd, ...) at every start of `kiln`, also for
// commands that never touch an archive (`kiln router apply` must start as fast as `nft`).
// The Archive module reaches libarchive only through the table below.
#ifndef KILN_CLIBARCHIVELOADER_H
#define KILN_CLIBARCHIVELOADER_H

#include <archive.h>
#include <archive_entry.h>

// Kiln's own declarations below: every pointer is non-null unless marked _Nullable.
#pragma clang assume_nonnull begin

// The file dlopen looks for; Debian's libarchive13 package provides it.
#define KILN_LIBARCHIVE_SONAME "libarchive.so.13"

// Every libarchive function Kiln calls. A call not listed here fails to link (no -larchive),
// so nothing can bypass the table.
#define KILN_LIBARCHIVE_FUNCTIONS(F) \
    F(archive_errno) F(archive_error_string) \
    F(archive_entry_new) F(archive_entry_free) F(archive_entry_copy_sourcepath) \
    F(archive_entry_filetype) F(archive_entry_perm) F(archive_entry_size) \
    F(archive_entry_uid) F(archive_entry_gid) F(archive_entry_mtime) F(archive_entry_mtime_nsec) \
    F(archive_entry_rdevmajor) F(archive_entry_rdevminor) \
    F(archive_entry_pathname) F(archive_entry_pathname_utf8) \
    F(archive_entry_uname) F(archive_entry_uname_utf8) F(archive_entry_gname) F(archive_entry_gname_utf8) \
    F(archive_entry_hardlink) F(archive_entry_hardlink_utf8) F(archive_entry_symlink) F(archive_entry_symlink_utf8) \
    F(archive_entry_set_filetype) F(archive_entry_set_perm) F(archive_entry_set_size) \
    F(archive_entry_set_uid) F(archive_entry_set_gid) F(archive_entry_set_mtime) \
    F(archive_entry_set_rdevmajor) F(archive_entry_set_rdevminor) \
    F(archive_entry_set_pathname) F(archive_entry_set_pathname_utf8) \
    F(archive_entry_set_uname_utf8) F(archive_entry_set_gname_utf8) \
    F(archive_entry_set_hardlink_utf8) F(archive_entry_set_symlink_utf8) \
    F(archive_entry_xattr_add_entry) F(archive_entry_xattr_reset) F(archive_entry_xattr_next) \
    F(archive_read_new) F(archive_read_free) F(archive_read_support_format_all) F(archive_read_support_filter_all) \
    F(archive_read_open_filename) F(archive_read_open_memory) \
    F(archive_read_next_header) F(archive_read_data_block) \
    F(archive_read_disk_new) F(archive_read_disk_entry_from_file) \
    F(archive_write_new) F(archive_write_free) F(archive_write_close) \
    F(archive_write_set_format_pax) F(archive_write_set_format_ustar) F(archive_write_set_format_gnutar) \
    F(archive_write_set_format_cpio_newc) F(archive_write_set_format_raw) \
    F(archive_write_add_filter_none) F(archive_write_add_filter_gzip) F(archive_write_add_filter_xz) \
    F(archive_write_add_filter_zstd) F(archive_write_set_filter_option) \
    F(archive_write_open_filename) F(archive_write_open_fd) \
    F(archive_write_header) F(archive_write_data)

// One pointer per function, typed from libarchive's own declaration, so a call through the
// table is checked exactly like a direct call.
struct kiln_libarchive {
#define KILN_LIBARCHIVE_FIELD(name) __typeof__(name) *name;
    KILN_LIBARCHIVE_FUNCTIONS(KILN_LIBARCHIVE_FIELD)
#undef KILN_LIBARCHIVE_FIELD
};

// Opens libarchive.so.13 (RTLD_NOW | RTLD_LOCAL) and resolves the table, once per process;
// thread-safe. Returns the table, or NULL with *reason set to dlerror()'s text (static storage).
const struct kiln_libarchive *_Nullable kiln_libarchive_load(const char *_Nullable *_Nonnull reason);

// libarchive defines the file-type constants as casts, e.g.
// `#define AE_IFREG ((__LA_MODE_T)0100000)`; Swift's importer only takes plain
// literal macros, so these accessors hand the values to Swift unchanged.
static inline __LA_MODE_T kiln_ae_ifreg(void) { return AE_IFREG; }
static inline __LA_MODE_T kiln_ae_ifdir(void) { return AE_IFDIR; }
static inline __LA_MODE_T kiln_ae_iflnk(void) { return AE_IFLNK; }
static inline __LA_MODE_T kiln_ae_ifchr(void) { return AE_IFCHR; }
static inline __LA_MODE_T kiln_ae_ifblk(void) { return AE_IFBLK; }
static inline __LA_MODE_T kiln_ae_ififo(void) { return AE_IFIFO; }
static inline __LA_MODE_T kiln_ae_ifsock(void) { return AE_IFSOCK; }

#pragma clang assume_nonnull end

#endif
