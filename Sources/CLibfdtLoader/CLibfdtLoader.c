#include "CLibfdtLoader.h"

#include "CLibraryLoading.h"

KILN_LIBRARY_LOADER(libfdt, KILN_LIBFDT_SONAME, KILN_LIBFDT_FUNCTIONS)
