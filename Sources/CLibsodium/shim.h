// libsodium, as the Sodium module sees it. Everything imports as is; nothing to shim.
#include <sodium.h>
