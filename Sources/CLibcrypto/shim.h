// OpenSSL's libcrypto, for its SHA-256: it uses the CPU's SHA extensions, which libsodium's portable
// implementation does not, and bmap files hash every mapped block of an image.
#include <openssl/evp.h>
