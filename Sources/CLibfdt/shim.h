// libfdt, as the DeviceTree module sees it.
#include <libfdt.h>

// fdt_totalsize() and fdt_magic() are function-like macros over the header's big-endian fields,
// which Swift cannot import; these give them a callable form.
static inline uint32_t kiln_fdt_totalsize(const void *fdt) { return fdt_totalsize(fdt); }
static inline uint32_t kiln_fdt_magic(const void *fdt) { return fdt_magic(fdt); }
