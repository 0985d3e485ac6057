#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The byte range of the image file a filesystem is formatted into.
struct Ext4Region {
    let imagePath: String
    let offset: UInt64
    let size: UInt64

    /// Checks that the region lies inside the file: Kiln never grows or truncates the image.
    ///
    /// Throws `Ext4Error.invalidParameters` when the region ends past the end of the file,
    /// `.system` when the file cannot be examined. Wraps `stat`.
    func validate() throws(Ext4Error) {
        var status = stat()
        guard stat(imagePath, &status) == 0 else { throw .system(operation: "stat", image: imagePath, errno: errno) }
        guard UInt64(status.st_size) >= offset + size else {
            throw .invalidParameters(
                reason: "region \(offset)+\(size) ends past the end of \(imagePath) (\(status.st_size) bytes)")
        }
    }
}
