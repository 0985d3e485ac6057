import CLibcurlLoader

/// libcurl's functions, resolved when the first stream opens rather than linked, so processes
/// that never download (the router) start without libcurl and its dependencies. A value exists
/// only once the library is loaded and set up, so no call can reach an unresolved function.
@dynamicMemberLookup
struct Libcurl {
    /// The loader's table: static storage, valid for the life of the process. The `kiln_curl_set_*`
    /// wrappers take it to reach the variadic `curl_easy_setopt`.
    let functions: UnsafePointer<kiln_libcurl>

    /// Loads libcurl and runs its process-wide setup, each once per process (thread-safe).
    ///
    /// Throws `HTTPError.transfer` for `url`: naming the library file, its Debian package and
    /// dlerror()'s text (code `CURLE_FAILED_INIT`) when it cannot be loaded, or with
    /// `curl_global_init`'s result when that fails. Wraps `dlopen`, `dlsym` and `curl_global_init`.
    static func load(for url: String) throws(HTTPError) -> Libcurl {
        var reason: UnsafePointer<CChar>?
        guard let functions = kiln_libcurl_load(&reason) else {
            let why = reason.map { String(cString: $0) } ?? "no reason given"
            throw .transfer(url: url, message: "cannot load \(KILN_LIBCURL_SONAME) (Debian package libcurl4): \(why)",
                            code: Int(CURLE_FAILED_INIT.rawValue))
        }
        let libcurl = Libcurl(functions: functions)
        let setup = globalSetup
        guard setup == CURLE_OK else {
            throw .transfer(url: url, message: libcurl.message(for: setup), code: Int(setup.rawValue))
        }
        return libcurl
    }

    /// libcurl's generic text for `code`. Wraps `curl_easy_strerror`.
    func message(for code: CURLcode) -> String {
        functions.pointee.curl_easy_strerror(code).map { String(cString: $0) } ?? "curl error \(code.rawValue)"
    }

    /// libcurl's generic text for a multi-handle `code`. Wraps `curl_multi_strerror`.
    func message(for code: CURLMcode) -> String {
        functions.pointee.curl_multi_strerror(code).map { String(cString: $0) } ?? "curl multi error \(code.rawValue)"
    }

    /// libcurl's process-wide setup, once, before the first handle (it is not thread-safe itself).
    /// Only read after a successful load, so the table is there.
    private static let globalSetup: CURLcode = {
        var reason: UnsafePointer<CChar>?
        return kiln_libcurl_load(&reason)?.pointee.curl_global_init(Int(CURL_GLOBAL_DEFAULT)) ?? CURLE_FAILED_INIT
    }()

    /// The libcurl function of that name, e.g. `libcurl.curl_easy_init()`.
    subscript<Function>(dynamicMember function: KeyPath<kiln_libcurl, Function>) -> Function {
        functions.pointee[keyPath: function]
    }
}
