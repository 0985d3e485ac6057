// OpenSSL's libcrypto, opened with dlopen the first time Kiln hashes with SHA-256 (bmap files,
// OTA chunks). Linked, it would be mapped and initialised at every start of `kiln`, including
// `kiln router apply`, which never hashes: ~1.2 MiB of resident pages and a millisecond.
#ifndef KILN_CLIBCRYPTOLOADER_H
#define KILN_CLIBCRYPTOLOADER_H

#include <openssl/evp.h>

#pragma clang assume_nonnull begin

// The file dlopen looks for; Debian's libssl3 package provides it.
#define KILN_LIBCRYPTO_SONAME "libcrypto.so.3"

// Every libcrypto function Kiln calls. A call not listed here fails to link (no -lcrypto).
#define KILN_LIBCRYPTO_FUNCTIONS(F) \
    F(EVP_MD_CTX_new) F(EVP_MD_CTX_free) F(EVP_DigestInit_ex) F(EVP_DigestUpdate) F(EVP_DigestFinal_ex) F(EVP_sha256)

// One pointer per function, typed from OpenSSL's own declaration.
struct kiln_libcrypto {
#define KILN_LIBCRYPTO_FIELD(name) __typeof__(name) *name;
    KILN_LIBCRYPTO_FUNCTIONS(KILN_LIBCRYPTO_FIELD)
#undef KILN_LIBCRYPTO_FIELD
};

// Opens libcrypto.so.3 and resolves the table, once per process; thread-safe. Returns the
// table, or NULL with *reason set to dlerror()'s text (static storage).
const struct kiln_libcrypto *_Nullable kiln_libcrypto_load(const char *_Nullable *_Nonnull reason);

#pragma clang assume_nonnull end
#endif
