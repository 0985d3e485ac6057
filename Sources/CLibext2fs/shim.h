// The one place Kiln includes libext2fs's headers.
#ifndef KILN_CLIBEXT2FS_SHIM_H
#define KILN_CLIBEXT2FS_SHIM_H

#include <ext2fs/ext2_fs.h>
#include <ext2fs/ext2fs.h>
#include <et/com_err.h>

// `unix_io_manager` is a mutable global (`extern io_manager`), which Swift 6's strict
// concurrency refuses to read; this accessor hands the pointer over as a function result.
static inline io_manager kiln_unix_io_manager(void) { return unix_io_manager; }

#endif
