import Glibc

/// The C library's text for an errno value, for error descriptions.
func errorText(_ code: Int32) -> String {
    String(cString: strerror(code))
}
