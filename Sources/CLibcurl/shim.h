// libcurl, for streaming OTA bundles over HTTP(S) with Range resumes.
#include <curl/curl.h>

// curl_easy_setopt is variadic (and a type-checking macro under GCC), so Swift cannot call it.
// Each wrapper below fixes one option to the argument type libcurl documents for it, so a
// mismatched type is a compile error here instead of undefined behaviour inside libcurl.

// CURLOPT_URL: the resource to fetch; libcurl copies the string.
static inline CURLcode kiln_curl_set_url(CURL *curl, const char *url) {
    return curl_easy_setopt(curl, CURLOPT_URL, url);
}

// CURLOPT_RANGE: "N-" asks for the body from byte N on resume; NULL asks for all of it.
// Used instead of CURLOPT_RESUME_FROM_LARGE because that option makes libcurl itself fail a
// 200 answer with CURLE_RANGE_ERROR, and HTTPStream wants to skip already-delivered bytes then.
static inline CURLcode kiln_curl_set_range(CURL *curl, const char *range) {
    return curl_easy_setopt(curl, CURLOPT_RANGE, range);
}

// CURLOPT_FOLLOWLOCATION + CURLOPT_MAXREDIRS: follow at most `limit` redirects.
static inline CURLcode kiln_curl_set_redirects(CURL *curl, long limit) {
    CURLcode code = curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, limit > 0 ? 1L : 0L);
    return code != CURLE_OK ? code : curl_easy_setopt(curl, CURLOPT_MAXREDIRS, limit);
}

// CURLOPT_PROTOCOLS_STR + CURLOPT_REDIR_PROTOCOLS_STR: which schemes a URL or a redirect may use.
static inline CURLcode kiln_curl_set_protocols(CURL *curl, const char *protocols) {
    CURLcode code = curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, protocols);
    return code != CURLE_OK ? code : curl_easy_setopt(curl, CURLOPT_REDIR_PROTOCOLS_STR, protocols);
}

// CURLOPT_CONNECTTIMEOUT_MS: how long connecting (TCP + TLS) may take.
static inline CURLcode kiln_curl_set_connect_timeout_ms(CURL *curl, long milliseconds) {
    return curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, milliseconds);
}

// CURLOPT_LOW_SPEED_LIMIT + CURLOPT_LOW_SPEED_TIME: abort (CURLE_OPERATION_TIMEDOUT) when fewer
// than `bytes_per_second` arrive for `seconds`; a stalled connection then becomes a resume.
static inline CURLcode kiln_curl_set_low_speed(CURL *curl, long bytes_per_second, long seconds) {
    CURLcode code = curl_easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, bytes_per_second);
    return code != CURLE_OK ? code : curl_easy_setopt(curl, CURLOPT_LOW_SPEED_TIME, seconds);
}

// CURLOPT_NOSIGNAL: no SIGALRM for DNS timeouts, which is unsafe in a multithreaded process.
static inline CURLcode kiln_curl_set_no_signal(CURL *curl) {
    return curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
}

// CURLOPT_FAILONERROR: a status >= 400 ends the transfer before its body is delivered.
static inline CURLcode kiln_curl_set_fail_on_error(CURL *curl) {
    return curl_easy_setopt(curl, CURLOPT_FAILONERROR, 1L);
}

// CURLOPT_ERRORBUFFER: where libcurl writes a detailed message (CURL_ERROR_SIZE bytes).
static inline CURLcode kiln_curl_set_error_buffer(CURL *curl, char *buffer) {
    return curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, buffer);
}

// CURLOPT_WRITEFUNCTION + CURLOPT_WRITEDATA: where body bytes go, with their context.
static inline CURLcode kiln_curl_set_body_sink(CURL *curl, curl_write_callback sink, void *context) {
    CURLcode code = curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, sink);
    return code != CURLE_OK ? code : curl_easy_setopt(curl, CURLOPT_WRITEDATA, context);
}

// CURLOPT_HEADERFUNCTION + CURLOPT_HEADERDATA: where header lines go, with their context.
static inline CURLcode kiln_curl_set_header_sink(CURL *curl, curl_write_callback sink, void *context) {
    CURLcode code = curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, sink);
    return code != CURLE_OK ? code : curl_easy_setopt(curl, CURLOPT_HEADERDATA, context);
}

