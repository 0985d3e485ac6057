import HTTPStream

/// A bundle streamed from an HTTP(S) URL: nothing is stored on the device first, and a dropped connection is
/// resumed with a Range request where it stopped (the reader never notices).
public final class HTTPBundleSource: BundleSource {
    public let name: String
    private let stream: HTTPStream

    /// Prepares the download; the connection opens on the first read.
    /// - Throws: `OTAError.download` for a URL that is not http(s).
    public init(url: String) throws(OTAError) {
        name = url
        do { stream = try HTTPStream(url: url) } catch { throw .download("\(error)") }
    }

    public var expectedLength: UInt64? { stream.expectedLength }

    /// How many times a dropped connection was resumed.
    public var resumes: Int { stream.resumes }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(OTAError) -> Int {
        do { return try stream.read(into: buffer) } catch { throw .download("\(error)") }
    }

    /// Whether `location` is a URL this source reads.
    public static func handles(_ location: String) -> Bool {
        location.hasPrefix("http://") || location.hasPrefix("https://")
    }
}
