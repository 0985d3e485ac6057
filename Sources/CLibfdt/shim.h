// libfdt's headers, as the DeviceTree module sees them.
//
// Header-only: nothing links -lfdt. CLibfdtLoader includes these headers for libfdt's types and
// constants and opens libfdt.so.1 with dlopen on first use (see its header for why).
#include <libfdt.h>

// fdt_totalsize() and fdt_magic() are function-like macros over the header's big-endian fields,
// which Swift cannot import; these give them a callable form. They read the blob only (fdt32_ld
// is static inline), so they need nothing from the library.
static inline uint32_t kiln_fdt_totalsize(const void *fdt) { return fdt_totalsize(fdt); }
static inline uint32_t kiln_fdt_magic(const void *fdt) { return fdt_magic(fdt); }
