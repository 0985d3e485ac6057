// libcurl, opened with dlopen the first time Kiln streams something over HTTP(S).
//
// Linking -lcurl would make the dynamic loader map and relocate libcurl and its ~25
// dependencies (TLS, Kerberos, LDAP, SSH, ...) at every start of `kiln`, also for commands
// that never download (`kiln router apply` must start as fast as `nft`). The HTTPStream
// module reaches libcurl only through the table below.
#ifndef KILN_CLIBCURLLOADER_H
#define KILN_CLIBCURLLOADER_H

#include <curl/curl.h>

// Kiln's own declarations below: every pointer is non-null unless marked _Nullable.
#pragma clang assume_nonnull begin

// The file dlopen looks for; Debian's libcurl4 package provides it.
#define KILN_LIBCURL_SONAME "libcurl.so.4"

// Every libcurl function Kiln calls. A call not listed here fails to link (no -lcurl),
// so nothing can bypass the table.
#define KILN_LIBCURL_FUNCTIONS(F) \
    F(curl_global_init) F(curl_easy_init) F(curl_easy_cleanup) F(curl_easy_setopt) \
    F(curl_easy_pause) F(curl_easy_strerror) \
    F(curl_multi_init) F(curl_multi_cleanup) F(curl_multi_add_handle) F(curl_multi_remove_handle) \
    F(curl_multi_perform) F(curl_multi_poll) F(curl_multi_info_read) F(curl_multi_strerror)

// One pointer per function, typed from libcurl's own declaration; curl_easy_setopt keeps its
// variadic type, so the wrappers below call it exactly as libcurl declares it.
struct kiln_libcurl {
#define KILN_LIBCURL_FIELD(name) __typeof__(name) *name;
    KILN_LIBCURL_FUNCTIONS(KILN_LIBCURL_FIELD)
#undef KILN_LIBCURL_FIELD
};

// Opens libcurl.so.4 (RTLD_NOW | RTLD_LOCAL) and resolves the table, once per process;
// thread-safe. Returns the table, or NULL with *reason set to dlerror()'s text (static storage).
// curl_global_init is left to the caller, which reports its CURLcode.
const struct kiln_libcurl *_Nullable kiln_libcurl_load(const char *_Nullable *_Nonnull reason);

// curl_easy_setopt is variadic, so Swift cannot call it, and calling a variadic function through
// a non-variadic pointer is undefined behaviour. Each wrapper below fixes one option to the
// argument type libcurl documents for it and passes it through the variadic pointer.
// `(lib->curl_easy_setopt)` is parenthesised so GCC's type-checking macro of that name
// (curl/typecheck-gcc.h) cannot expand over the member access.

// CURLOPT_URL: the resource to fetch; libcurl copies the string.
static inline CURLcode kiln_curl_set_url(const struct kiln_libcurl *lib, CURL *curl, const char *url) {
    return (lib->curl_easy_setopt)(curl, CURLOPT_URL, url);
}

// CURLOPT_RANGE: "N-" asks for the body from byte N on resume; NULL asks for all of it.
// Used instead of CURLOPT_RESUME_FROM_LARGE because that option makes libcurl itself fail a
// 200 answer with CURLE_RANGE_ERROR, and HTTPStream wants to skip already-delivered bytes then.
static inline CURLcode kiln_curl_set_range(const struct kiln_libcurl *lib, CURL *curl, const char *_Nullable range) {
    return (lib->curl_easy_setopt)(curl, CURLOPT_RANGE, range);
}

// CURLOPT_FOLLOWLOCATION + CURLOPT_MAXREDIRS: follow at most `limit` redirects.
static inline CURLcode kiln_curl_set_redirects(const struct kiln_libcurl *lib, CURL *curl, long limit) {
    CURLcode code = (lib->curl_easy_setopt)(curl, CURLOPT_FOLLOWLOCATION, limit > 0 ? 1L : 0L);
    return code != CURLE_OK ? code : (lib->curl_easy_setopt)(curl, CURLOPT_MAXREDIRS, limit);
}

// CURLOPT_PROTOCOLS_STR + CURLOPT_REDIR_PROTOCOLS_STR: which schemes a URL or a redirect may use.
static inline CURLcode kiln_curl_set_protocols(const struct kiln_libcurl *lib, CURL *curl, const char *protocols) {
    CURLcode code = (lib->curl_easy_setopt)(curl, CURLOPT_PROTOCOLS_STR, protocols);
    return code != CURLE_OK ? code : (lib->curl_easy_setopt)(curl, CURLOPT_REDIR_PROTOCOLS_STR, protocols);
}

// CURLOPT_CONNECTTIMEOUT_MS: how long connecting (TCP + TLS) may take.
static inline CURLcode kiln_curl_set_connect_timeout_ms(const struct kiln_libcurl *lib, CURL *curl, long milliseconds) {
    return (lib->curl_easy_setopt)(curl, CURLOPT_CONNECTTIMEOUT_MS, milliseconds);
}

// CURLOPT_LOW_SPEED_LIMIT + CURLOPT_LOW_SPEED_TIME: abort (CURLE_OPERATION_TIMEDOUT) when fewer
// than `bytes_per_second` arrive for `seconds`; a stalled connection then becomes a resume.
static inline CURLcode kiln_curl_set_low_speed(const struct kiln_libcurl *lib, CURL *curl,
                                               long bytes_per_second, long seconds) {
    CURLcode code = (lib->curl_easy_setopt)(curl, CURLOPT_LOW_SPEED_LIMIT, bytes_per_second);
    return code != CURLE_OK ? code : (lib->curl_easy_setopt)(curl, CURLOPT_LOW_SPEED_TIME, seconds);
}

// CURLOPT_NOSIGNAL: no SIGALRM for DNS timeouts, which is unsafe in a multithreaded process.
static inline CURLcode kiln_curl_set_no_signal(const struct kiln_libcurl *lib, CURL *curl) {
    return (lib->curl_easy_setopt)(curl, CURLOPT_NOSIGNAL, 1L);
}

// CURLOPT_FAILONERROR: a status >= 400 ends the transfer before its body is delivered.
static inline CURLcode kiln_curl_set_fail_on_error(const struct kiln_libcurl *lib, CURL *curl) {
    return (lib->curl_easy_setopt)(curl, CURLOPT_FAILONERROR, 1L);
}

// CURLOPT_ERRORBUFFER: where libcurl writes a detailed message (CURL_ERROR_SIZE bytes).
static inline CURLcode kiln_curl_set_error_buffer(const struct kiln_libcurl *lib, CURL *curl, char *buffer) {
    return (lib->curl_easy_setopt)(curl, CURLOPT_ERRORBUFFER, buffer);
}

// CURLOPT_WRITEFUNCTION + CURLOPT_WRITEDATA: where body bytes go, with their context.
static inline CURLcode kiln_curl_set_body_sink(const struct kiln_libcurl *lib, CURL *curl,
                                               curl_write_callback sink, void *context) {
    CURLcode code = (lib->curl_easy_setopt)(curl, CURLOPT_WRITEFUNCTION, sink);
    return code != CURLE_OK ? code : (lib->curl_easy_setopt)(curl, CURLOPT_WRITEDATA, context);
}

// CURLOPT_HEADERFUNCTION + CURLOPT_HEADERDATA: where header lines go, with their context.
static inline CURLcode kiln_curl_set_header_sink(const struct kiln_libcurl *lib, CURL *curl,
                                                 curl_write_callback sink, void *context) {
    CURLcode code = (lib->curl_easy_setopt)(curl, CURLOPT_HEADERFUNCTION, sink);
    return code != CURLE_OK ? code : (lib->curl_easy_setopt)(curl, CURLOPT_HEADERDATA, context);
}

#pragma clang assume_nonnull end

#endif
