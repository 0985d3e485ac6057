// libsodium, opened with dlopen the first time Kiln hashes with BLAKE2b, signs or verifies.
//
// Linked, libsodium would be mapped and relocated at every start of `kiln`, also for commands
// that never sign or hash (`kiln router apply` must start as fast as `nft`). The Sodium module
// reaches libsodium only through the table below.
#ifndef KILN_CLIBSODIUMLOADER_H
#define KILN_CLIBSODIUMLOADER_H

#include <sodium.h>

#pragma clang assume_nonnull begin

// The file dlopen looks for; Debian's libsodium23 package provides it.
#define KILN_LIBSODIUM_SONAME "libsodium.so.23"

// Every libsodium function Kiln calls. A call not listed here fails to link (no -lsodium).
// The crypto_*BYTES constants Kiln uses are plain macros and need no table.
#define KILN_LIBSODIUM_FUNCTIONS(F) \
    F(sodium_init) F(randombytes_buf) F(sodium_memcmp) F(sodium_memzero) F(sodium_malloc) F(sodium_free) \
    F(crypto_generichash_statebytes) F(crypto_generichash_init) F(crypto_generichash_update) \
    F(crypto_generichash_final) \
    F(crypto_sign_seed_keypair) F(crypto_sign_detached) F(crypto_sign_verify_detached)

// One pointer per function, typed from libsodium's own declaration.
struct kiln_libsodium {
#define KILN_LIBSODIUM_FIELD(name) __typeof__(name) *name;
    KILN_LIBSODIUM_FUNCTIONS(KILN_LIBSODIUM_FIELD)
#undef KILN_LIBSODIUM_FIELD
};

// Opens libsodium.so.23 (RTLD_NOW | RTLD_LOCAL) and resolves the table, once per process;
// thread-safe. Returns the table, or NULL with *reason set to dlerror()'s text (static storage).
// sodium_init is left to the caller, which reports its failure.
const struct kiln_libsodium *_Nullable kiln_libsodium_load(const char *_Nullable *_Nonnull reason);

#pragma clang assume_nonnull end

#endif
