// libext2fs's and com_err's headers.
//
// Header-only: nothing links -lext2fs or -lcom_err. CLibext2fsLoader includes these headers for
// the types and constants and opens libext2fs.so.2 with dlopen on first use (see its header for why).
#ifndef KILN_CLIBEXT2FS_SHIM_H
#define KILN_CLIBEXT2FS_SHIM_H

#include <ext2fs/ext2_fs.h>
#include <ext2fs/ext2fs.h>
#include <et/com_err.h>

#endif
