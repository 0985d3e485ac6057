#include "CLibcryptoLoader.h"

#include "CLibraryLoading.h"

KILN_LIBRARY_LOADER(libcrypto, KILN_LIBCRYPTO_SONAME, KILN_LIBCRYPTO_FUNCTIONS)
