// libarchive's headers.
//
// Header-only: nothing links -larchive. CLibarchiveLoader includes these headers for
// libarchive's types and constants and opens libarchive.so.13 with dlopen on first use
// (see its header for why).
#ifndef KILN_CLIBARCHIVE_SHIM_H
#define KILN_CLIBARCHIVE_SHIM_H

#include <archive.h>
#include <archive_entry.h>

#endif
