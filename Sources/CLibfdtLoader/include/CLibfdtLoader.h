// libfdt, opened with dlopen the first time Kiln reads or patches a device tree blob.
//
// Linked, libfdt would be mapped and relocated at every start of `kiln`, also for commands that
// never see a device tree (`kiln router apply` must start as fast as `nft`). The DeviceTree
// module reaches libfdt only through the table below.
#ifndef KILN_CLIBFDTLOADER_H
#define KILN_CLIBFDTLOADER_H

#include <libfdt.h>

#pragma clang assume_nonnull begin

// The file dlopen looks for; Debian's libfdt1 package provides it.
#define KILN_LIBFDT_SONAME "libfdt.so.1"

// Every libfdt function Kiln calls. A call not listed here fails to link (no -lfdt).
// The header accessors Kiln uses (fdt_totalsize, fdt_magic) are macros over fdt32_ld, a static
// inline big-endian load in libfdt.h: they call nothing in the library and stay inline.
#define KILN_LIBFDT_FUNCTIONS(F) \
    F(fdt_check_header) F(fdt_check_full) F(fdt_strerror) \
    F(fdt_path_offset) F(fdt_getprop) \
    F(fdt_open_into) F(fdt_add_subnode) F(fdt_setprop) F(fdt_pack)

// One pointer per function, typed from libfdt's own declaration.
struct kiln_libfdt {
#define KILN_LIBFDT_FIELD(name) __typeof__(name) *name;
    KILN_LIBFDT_FUNCTIONS(KILN_LIBFDT_FIELD)
#undef KILN_LIBFDT_FIELD
};

// Opens libfdt.so.1 (RTLD_NOW | RTLD_LOCAL) and resolves the table, once per process;
// thread-safe. Returns the table, or NULL with *reason set to dlerror()'s text (static storage).
const struct kiln_libfdt *_Nullable kiln_libfdt_load(const char *_Nullable *_Nonnull reason);

#pragma clang assume_nonnull end

#endif
