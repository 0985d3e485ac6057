#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Runs libarchive calls with a UTF-8 `LC_CTYPE` on the calling thread only.
///
/// libarchive converts names between UTF-8 and the "current locale". A Swift program never
/// calls `setlocale`, so that is the C locale, and there the `_utf8` entry functions do not
/// help: the pax writer dereferences a failed conversion and crashes on any non-ASCII path,
/// ustar and gnutar silently write an empty name, cpio reports "Pathname required", and
/// reading gives back no UTF-8 name at all (verified against libarchive 3.6.2).
/// `setlocale(LC_CTYPE, "C.UTF-8")` would fix it but changes the whole process under the
/// application's feet, so instead every libarchive call is bracketed with `uselocale`,
/// which is per thread and restored afterwards. No `await` happens inside the bracket, so a
/// task cannot hop threads while the locale is switched.
enum UTF8Locale {
    /// Created once and never freed: a `locale_t` is immutable and safe to share.
    private struct Shared: @unchecked Sendable {
        let locale: locale_t?
        let errno: Int32
    }

    private static let shared: Shared = {
        let locale = newlocale(LC_CTYPE_MASK, "C.UTF-8", nil)
        return Shared(locale: locale, errno: locale == nil ? errno : 0)
    }()

    /// Runs `body` with the UTF-8 locale active on this thread.
    ///
    /// Throws `ArchiveError.localeUnavailable` when glibc has no C.UTF-8, or what `body` throws.
    static func run<T>(_ body: () throws -> T) throws -> T {
        guard let locale = shared.locale else {
            throw ArchiveError.localeUnavailable(errno: shared.errno)
        }
        let previous = uselocale(locale)
        defer { uselocale(previous) }
        return try body()
    }

    /// Like `run`, for `deinit`, which cannot throw: without the locale libarchive still frees
    /// memory correctly, it only cannot convert names, and freeing converts none.
    static func runIfAvailable(_ body: () -> Void) {
        guard let locale = shared.locale else { return body() }
        let previous = uselocale(locale)
        defer { uselocale(previous) }
        body()
    }
}
