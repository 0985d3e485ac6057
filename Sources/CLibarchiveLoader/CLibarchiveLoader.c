#include "CLibarchiveLoader.h"

#include "CLibraryLoading.h"

KILN_LIBRARY_LOADER(libarchive, KILN_LIBARCHIVE_SONAME, KILN_LIBARCHIVE_FUNCTIONS)
