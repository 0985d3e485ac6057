#include "CLibcurlLoader.h"

#include "CLibraryLoading.h"
#include <pthread.h>

static struct kiln_libcurl table;
static const struct kiln_libcurl *loaded;
static char failure[512];
static pthread_once_t once = PTHREAD_ONCE_INIT;

static const char *const names[] = {
#define KILN_LIBCURL_NAME(name) #name,
    KILN_LIBCURL_FUNCTIONS(KILN_LIBCURL_NAME)
#undef KILN_LIBCURL_NAME
};

// Resolves into void pointers, then assigns each to its typed field: writing through void ** is
// the POSIX idiom for storing dlsym's result in a function pointer.
static void load(void) {
    void *slots[sizeof names / sizeof *names];
    if (!kiln_library_resolve(KILN_LIBCURL_SONAME, names, slots, sizeof names / sizeof *names, failure, sizeof failure)) {
        return;
    }
    size_t index = 0;
#define KILN_LIBCURL_ASSIGN(name) *(void **)&table.name = slots[index++];
    KILN_LIBCURL_FUNCTIONS(KILN_LIBCURL_ASSIGN)
#undef KILN_LIBCURL_ASSIGN
    loaded = &table;
}

const struct kiln_libcurl *kiln_libcurl_load(const char **reason) {
    pthread_once(&once, load);
    *reason = loaded != NULL ? NULL : failure;
    return loaded;
}
