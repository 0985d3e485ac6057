// Opening an optional C library on first use, shared by the loaders of libcurl and libarchive
// (systemd's approach for optional libraries: `kiln` starts without mapping them).
#ifndef KILN_CLIBRARYLOADING_H
#define KILN_CLIBRARYLOADING_H

#include <pthread.h>
#include <stddef.h>

// Opens `soname` (RTLD_NOW | RTLD_LOCAL) and stores dlsym(names[i]) in slots[i] for each of the
// `count` names. Returns 1; or 0 with dlerror()'s text in `failure` (`size` bytes), the library
// closed again and `slots` not to be used.
int kiln_library_resolve(const char *soname, const char *const *names, void **slots, size_t count,
                         char *failure, size_t size);

// Defines `const struct kiln_NAME *kiln_NAME_load(const char **reason)` for a library whose
// loader header declares `struct kiln_NAME` (one typed pointer per function) and the X-macro
// list FUNCTIONS(F): opens SONAME and fills the table once per process (pthread_once), and
// returns it, or NULL with *reason set to dlerror()'s text. Resolving into void pointers and
// then storing each through `void **` is the POSIX idiom for dlsym results and function pointers.
#define KILN_LIBRARY_NAME(name) #name,
#define KILN_LIBRARY_ASSIGN(name) *(void **)&table.name = slots[index++];
#define KILN_LIBRARY_LOADER(NAME, SONAME, FUNCTIONS)                                                \
    static struct kiln_##NAME table;                                                               \
    static const struct kiln_##NAME *loaded;                                                       \
    static char failure[512];                                                                      \
    static pthread_once_t once = PTHREAD_ONCE_INIT;                                                \
    static const char *const names[] = { FUNCTIONS(KILN_LIBRARY_NAME) };                           \
    static void load(void) {                                                                       \
        void *slots[sizeof names / sizeof *names];                                                 \
        if (!kiln_library_resolve(SONAME, names, slots, sizeof names / sizeof *names, failure,     \
                                  sizeof failure)) {                                               \
            return;                                                                                \
        }                                                                                          \
        size_t index = 0;                                                                          \
        FUNCTIONS(KILN_LIBRARY_ASSIGN)                                                             \
        loaded = &table;                                                                           \
    }                                                                                              \
    const struct kiln_##NAME *kiln_##NAME##_load(const char **reason) {                            \
        pthread_once(&once, load);                                                                 \
        *reason = loaded != NULL ? NULL : failure;                                                 \
        return loaded;                                                                             \
    }

#endif
