// libsodium's headers.
//
// Header-only: nothing links -lsodium. CLibsodiumLoader includes these headers for libsodium's
// types and constants and opens libsodium.so.23 with dlopen on first use (see its header for why).
#include <sodium.h>
