#include "CLibcurlLoader.h"

#include "CLibraryLoading.h"

KILN_LIBRARY_LOADER(libcurl, KILN_LIBCURL_SONAME, KILN_LIBCURL_FUNCTIONS)
