#include "CLibcryptoLoader.h"

#include "CLibraryLoading.h"
#include <pthread.h>

static struct kiln_libcrypto table;
static const struct kiln_libcrypto *loaded;
static char failure[512];
static pthread_once_t once = PTHREAD_ONCE_INIT;

static const char *const names[] = {
#define KILN_LIBCRYPTO_NAME(name) #name,
    KILN_LIBCRYPTO_FUNCTIONS(KILN_LIBCRYPTO_NAME)
#undef KILN_LIBCRYPTO_NAME
};

// Resolves into void pointers, then assigns each to its typed field: writing through void ** is
// the POSIX idiom for storing dlsym's result in a function pointer.
static void load(void) {
    void *slots[sizeof names / sizeof *names];
    if (!kiln_library_resolve(KILN_LIBCRYPTO_SONAME, names, slots, sizeof names / sizeof *names, failure, sizeof failure)) {
        return;
    }
    size_t index = 0;
#define KILN_LIBCRYPTO_ASSIGN(name) *(void **)&table.name = slots[index++];
    KILN_LIBCRYPTO_FUNCTIONS(KILN_LIBCRYPTO_ASSIGN)
#undef KILN_LIBCRYPTO_ASSIGN
    loaded = &table;
}

const struct kiln_libcrypto *kiln_libcrypto_load(const char **reason) {
    pthread_once(&once, load);
    *reason = loaded != NULL ? NULL : failure;
    return loaded;
}
