#include "CLibraryLoading.h"

#include <dlfcn.h>
#include <stdio.h>

int kiln_library_resolve(const char *soname, const char *const *names, void **slots, size_t count,
                         char *failure, size_t size) {
    void *library = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
    if (library == NULL) {
        const char *why = dlerror();
        snprintf(failure, size, "%s", why != NULL ? why : "dlopen failed");
        return 0;
    }
    for (size_t index = 0; index < count; index++) {
        slots[index] = dlsym(library, names[index]);
        if (slots[index] == NULL) {
            const char *why = dlerror();
            snprintf(failure, size, "%s", why != NULL ? why : names[index]);
            dlclose(library);
            return 0;
        }
    }
    return 1;
}
