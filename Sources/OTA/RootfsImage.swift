#if canImport(Glibc)
import Glibc
#endif
import Archive
import Digest
import Ext4

/// The rootfs payload: an ext4 image as the image builder makes for a slot, or one made here from a tar.
enum RootfsImage {
    /// Whether `path` holds an ext4 (or ext2/3) superblock: magic 0xEF53 at byte 1080.
    static func isExt4(_ path: String) throws(OTAError) -> Bool {
        let descriptor = try LocalFile.retrying(path, "open") { open(path, O_RDONLY | O_CLOEXEC) }
        defer { close(descriptor) }
        var magic: [UInt8] = [0, 0]
        let got = try LocalFile.retrying(path, "pread") { pread(descriptor, &magic, 2, 1080) }
        return got == 2 && magic == [0x53, 0xEF]
    }

    /// Builds an ext4 image of `size` bytes at `output` from the tar at `tar`, reproducibly: UUID and hash seed
    /// come from the tar's own SHA-256 and `timestamp`.
    /// - Throws: `OTAError.invalidArgument` without a size, `.io` naming the tar when it is not an archive or does not fit.
    static func ext4(fromTar tar: String, size: UInt64?, output: String, timestamp: UInt64, label: String) throws(OTAError) -> String {
        guard let size else {
            throw .invalidArgument("\(tar) is not an ext4 image, so it is read as a tar; give --rootfs-size (or a --compatible board Kiln knows) for the ext4 made from it")
        }
        let seed = try digest(of: tar)
        let parameters = Ext4Parameters(size: size, label: label, uuid: versionFour(Array(seed[0..<16])),
                                        hashSeed: versionFour(Array(seed[16..<32])), timestamp: Int64(timestamp))
        let descriptor = try LocalFile.retrying(output, "create") { open(output, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600) }
        defer { close(descriptor) }
        _ = try LocalFile.retrying(output, "ftruncate") { ftruncate(descriptor, off_t(size)) }
        do {
            let filesystem = try Ext4Filesystem.format(path: output, offset: 0, parameters: parameters)
            let reader = try ArchiveReader(path: tar)
            try filesystem.populate(from: reader)
            try filesystem.close()
        } catch {
            throw .invalidArgument("\(tar): cannot make an ext4 rootfs from it: \(error)")
        }
        return output
    }

    private static func digest(of path: String) throws(OTAError) -> [UInt8] {
        let descriptor = try LocalFile.retrying(path, "open") { open(path, O_RDONLY | O_CLOEXEC) }
        defer { close(descriptor) }
        let hasher = try BundleReader.hasher(path)
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let got = try buffer.withMutableBytes { (raw) throws(OTAError) in
                try LocalFile.retrying(path, "read") { read(descriptor, raw.baseAddress!, raw.count) }
            }
            if got == 0 { return hasher.finalize() }
            buffer.withUnsafeBytes { hasher.update(UnsafeRawBufferPointer(rebasing: $0[0..<got])) }
        }
    }

    /// RFC 4122 version-4 bits on 16 derived bytes, so tools show a well-formed UUID.
    private static func versionFour(_ bytes: [UInt8]) -> [UInt8] {
        var bytes = bytes
        bytes[6] = bytes[6] & 0x0F | 0x40
        bytes[8] = bytes[8] & 0x3F | 0x80
        return bytes
    }
}
