// Opening an optional C library on first use, shared by the loaders of libcurl and libarchive
// (systemd's approach for optional libraries: `kiln` starts without mapping them).
#ifndef KILN_CLIBRARYLOADING_H
#define KILN_CLIBRARYLOADING_H

#include <stddef.h>

// Opens `soname` (RTLD_NOW | RTLD_LOCAL) and stores dlsym(names[i]) in slots[i] for each of the
// `count` names. Returns 1; or 0 with dlerror()'s text in `failure` (`size` bytes), the library
// closed again and `slots` not to be used.
int kiln_library_resolve(const char *soname, const char *const *names, void **slots, size_t count,
                         char *failure, size_t size);

#endif
