#if canImport(Glibc)
import Glibc
#endif

/// Where bundle bytes come from, in order: a file, a pipe, or an HTTP(S) download.
/// The reader asks for bytes sequentially and never seeks, so a bundle streams from anywhere.
public protocol BundleSource: AnyObject {
    /// Names the source in messages (a path or URL).
    var name: String { get }
    /// Up to `buffer.count` bytes; 0 at the end.
    /// - Throws: `OTAError.io` or `.download`.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(OTAError) -> Int
    /// The bundle's total length when known, for progress.
    var expectedLength: UInt64? { get }
}

extension BundleSource {
    /// Fills `buffer` completely unless the source ends first; returns how many bytes it got.
    func readFully(into buffer: UnsafeMutableRawBufferPointer) throws(OTAError) -> Int {
        var done = 0
        while done < buffer.count {
            let got = try read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[done...]))
            if got == 0 { break }
            done += got
        }
        return done
    }
}

/// A bundle in a local file (or `-`, standard input).
public final class FileBundleSource: BundleSource {
    public let name: String
    public let expectedLength: UInt64?
    private let descriptor: Int32
    private let owned: Bool

    /// Opens `path` for reading; `-` reads standard input.
    /// - Throws: `OTAError.io` with the errno of `open(2)`.
    public init(path: String) throws(OTAError) {
        name = path
        if path == "-" {
            descriptor = STDIN_FILENO
            owned = false
            expectedLength = nil
            return
        }
        descriptor = try LocalFile.retrying(path, "open") { open(path, O_RDONLY | O_CLOEXEC) }
        owned = true
        var info = stat()
        expectedLength = fstat(descriptor, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG ? UInt64(info.st_size) : nil
        // The bundle is read once, front to back.
        _ = posix_fadvise(descriptor, 0, 0, POSIX_FADV_SEQUENTIAL)
    }

    deinit { if owned { close(descriptor) } }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(OTAError) -> Int {
        try LocalFile.retrying(name, "read") { Glibc.read(descriptor, buffer.baseAddress!, buffer.count) }
    }
}
