// libcurl's headers, for streaming OTA bundles over HTTP(S) with Range resumes.
//
// Header-only: nothing links -lcurl. CLibcurlLoader includes these headers for libcurl's types
// and constants and opens libcurl.so.4 with dlopen on first use (see its header for why).
#include <curl/curl.h>
