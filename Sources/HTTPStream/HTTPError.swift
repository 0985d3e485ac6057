/// Everything that can go wrong streaming a body over HTTP(S).
public enum HTTPError: Error, Equatable, CustomStringConvertible {
    /// `url` is not an http:// or https:// URL.
    case unsupportedURL(url: String)
    /// libcurl failed: `message` is its error buffer (or `curl_easy_strerror`), `code` its CURLcode
    /// number (a CURLMcode number when the multi handle itself failed).
    case transfer(url: String, message: String, code: Int)
    /// The server answered with an HTTP error status (>= 400).
    case status(url: String, status: Int)
    /// A resume was answered with something that cannot continue the body already delivered
    /// (wrong Content-Range, a different length or ETag, an unexpected status).
    case resumeRejected(url: String, reason: String)
    /// The connection dropped again after `resumes` resumes; `message` is libcurl's last error.
    case resumesExhausted(url: String, resumes: Int, message: String)

    /// The URL the failed stream was reading.
    public var url: String {
        switch self {
        case let .unsupportedURL(url), let .transfer(url, _, _), let .status(url, _),
             let .resumeRejected(url, _), let .resumesExhausted(url, _, _):
            return url
        }
    }

    public var description: String {
        switch self {
        case let .unsupportedURL(url):
            return "\(url): not an http:// or https:// URL"
        case let .transfer(url, message, code):
            return "\(url): \(message) (curl error \(code))"
        case let .status(url, status):
            return "\(url): the server answered HTTP \(status)"
        case let .resumeRejected(url, reason):
            return "\(url): cannot resume: \(reason)"
        case let .resumesExhausted(url, resumes, message):
            return "\(url): connection lost again after \(resumes) resumes: \(message)"
        }
    }
}
