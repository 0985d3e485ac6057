#include "CLibext2fsLoader.h"

#include "CLibraryLoading.h"

KILN_LIBRARY_LOADER(libext2fs, KILN_LIBEXT2FS_SONAME, KILN_LIBEXT2FS_SYMBOLS)
