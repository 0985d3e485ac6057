#include "CLibarchiveLoader.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>

static struct kiln_libarchive table;
static const struct kiln_libarchive *loaded;
static char failure[512];
static pthread_once_t once = PTHREAD_ONCE_INIT;

// Stores dlsym(library, name) in *slot; on failure keeps dlerror()'s text and returns 0.
// Writing through void ** is the POSIX idiom for assigning dlsym's result to a function pointer.
static int resolve(void *library, const char *name, void **slot) {
    *slot = dlsym(library, name);
    if (*slot != NULL) return 1;
    const char *why = dlerror();
    snprintf(failure, sizeof failure, "%s", why != NULL ? why : name);
    return 0;
}

static void load(void) {
    void *library = dlopen(KILN_LIBARCHIVE_SONAME, RTLD_NOW | RTLD_LOCAL);
    if (library == NULL) {
        const char *why = dlerror();
        snprintf(failure, sizeof failure, "%s", why != NULL ? why : "dlopen failed");
        return;
    }
#define KILN_LIBARCHIVE_RESOLVE(name) && resolve(library, #name, (void **)&table.name)
    if (1 KILN_LIBARCHIVE_FUNCTIONS(KILN_LIBARCHIVE_RESOLVE)) {
        loaded = &table;
    } else {
        dlclose(library);
    }
#undef KILN_LIBARCHIVE_RESOLVE
}

const struct kiln_libarchive *kiln_libarchive_load(const char **reason) {
    pthread_once(&once, load);
    *reason = loaded != NULL ? NULL : failure;
    return loaded;
}
