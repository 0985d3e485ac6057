#include "CLibsodiumLoader.h"

#include "CLibraryLoading.h"

KILN_LIBRARY_LOADER(libsodium, KILN_LIBSODIUM_SONAME, KILN_LIBSODIUM_FUNCTIONS)
