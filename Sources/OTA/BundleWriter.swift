#if canImport(Glibc)
import Glibc
#endif
import Digest
import Sodium

/// Makes a bundle in one pass over the rootfs image: the payload is hashed chunk by chunk and written at its
/// final offset (the manifest's length is known from the image's size), then the signed manifest goes in front.
/// Zero chunks are left out. The output appears under its name only when complete (temporary file, rename).
public enum BundleWriter {
    /// Creates the bundle `request` describes, signed with `key`; `progress` gets bytes of rootfs done and the total.
    /// - Throws: `OTAError` naming the input or output that failed.
    public static func create(_ request: BundleRequest, key: SigningKey,
                              progress: (UInt64, UInt64) -> Void = { _, _ in }) throws(OTAError) -> Manifest {
        guard request.chunkSize.nonzeroBitCount == 1, BundleFormat.chunkSizes.contains(request.chunkSize.trailingZeroBitCount) else {
            throw .invalidArgument("chunk size \(request.chunkSize) is not a power of two from 4 KiB to 16 MiB")
        }
        let temporary = "\(request.output).tmp.\(getpid())"
        var converted: String?
        defer { if let converted { unlink(converted) } }
        let image: String
        if try RootfsImage.isExt4(request.rootfs) {
            image = request.rootfs
        } else {
            converted = "\(request.output).rootfs.\(getpid())"
            image = try RootfsImage.ext4(fromTar: request.rootfs, size: request.rootfsSize, output: converted!,
                                         timestamp: request.buildTime, label: "rootfs")
        }
        do {
            let manifest = try write(request, image: image, key: key, to: temporary, progress: progress)
            _ = try LocalFile.retrying(request.output, "rename") { rename(temporary, request.output) }
            LocalFile.syncDirectory(of: request.output)
            return manifest
        } catch {
            unlink(temporary)
            throw error
        }
    }

    private static func write(_ request: BundleRequest, image: String, key: SigningKey, to path: String,
                              progress: (UInt64, UInt64) -> Void) throws(OTAError) -> Manifest {
        let input = try LocalFile.retrying(image, "open") { open(image, O_RDONLY | O_CLOEXEC) }
        defer { close(input) }
        var info = stat()
        _ = try LocalFile.retrying(image, "stat") { fstat(input, &info) }
        let size = UInt64(info.st_size)
        guard size > 0 else { throw .invalidArgument("\(image): the rootfs image is empty") }
        let count = Manifest.Payload.chunkCount(size: size, chunkSize: request.chunkSize)!
        let bodyLength = Manifest.encodedLength(
            compatible: request.compatible, version: request.version.description,
            minimumVersion: request.minimumVersion?.description ?? "", payloads: [("rootfs", "ext4", count)])
        guard bodyLength <= BundleFormat.maximumManifestLength else {
            throw .invalidArgument("\(image): \(count) chunks make a manifest above \(BundleFormat.maximumManifestLength) bytes; use larger chunks")
        }
        let output = try LocalFile.retrying(path, "create") { open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644) }
        defer { close(output) }
        let payloadOffset = BundleFormat.headerLength + bodyLength + BundleFormat.signatureLength
        _ = try LocalFile.retrying(path, "lseek") { lseek(output, off_t(payloadOffset), SEEK_SET) }
        let payload = try copyChunks(from: input, name: image, size: size, chunkSize: request.chunkSize,
                                     to: output, outputPath: path, progress: progress)
        let manifest = Manifest(compatible: request.compatible, version: request.version, minimumVersion: request.minimumVersion,
                                buildTime: request.buildTime, keyID: key.keyID, payloads: [payload])
        let body = manifest.encoded
        precondition(body.count == bodyLength, "the manifest's length was computed from the same fields")
        var header = ByteWriter()
        header.append(BundleFormat.magic)
        header.append(BundleFormat.version)
        header.append(UInt32(body.count))
        header.append(key.keyID.bytes)
        let signed = header.bytes + body
        let signature: Ed25519.Signature
        do { signature = try key.keyPair.sign(signed) } catch { throw .key(path: "signing key", reason: "\(error)") }
        let front = signed + signature.bytes
        _ = try LocalFile.retrying(path, "lseek") { lseek(output, 0, SEEK_SET) }
        try front.withBytes { (raw) throws(OTAError) in try LocalFile.write(output, raw, path: path) }
        _ = try LocalFile.retrying(path, "fsync") { fsync(output) }
        return manifest
    }

    /// Hashes the image chunk by chunk, writing the chunks that are not all zeros to `output`.
    private static func copyChunks(from input: Int32, name: String, size: UInt64, chunkSize: Int, to output: Int32,
                                   outputPath: String, progress: (UInt64, UInt64) -> Void) throws(OTAError) -> Manifest.Payload {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 4096)
        let zeros = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 4096)
        defer { buffer.deallocate(); zeros.deallocate() }
        zeros.initializeMemory(as: UInt8.self, repeating: 0)
        _ = posix_fadvise(input, 0, 0, POSIX_FADV_SEQUENTIAL)
        let whole = try BundleReader.hasher(name)
        var chunks: [Manifest.Chunk] = []
        var done: UInt64 = 0
        while done < size {
            let length = Int(min(UInt64(chunkSize), size - done))
            let slice = UnsafeRawBufferPointer(rebasing: buffer[0..<length])
            var got = 0
            while got < length {
                let count = try LocalFile.retrying(name, "read") { read(input, buffer.baseAddress! + got, length - got) }
                guard count > 0 else { throw .io(path: name, operation: "read (the image shrank while being read)", errno: EIO) }
                got += count
            }
            whole.update(slice)
            if memcmp(slice.baseAddress!, zeros.baseAddress!, length) == 0 {
                chunks.append(.zero)
            } else {
                let hasher = try BundleReader.hasher(name)
                hasher.update(slice)
                chunks.append(.stored(sha256: hasher.finalize()))
                try LocalFile.write(output, slice, path: outputPath)
            }
            done += UInt64(length)
            progress(done, size)
        }
        return Manifest.Payload(name: "rootfs", type: "ext4", size: size, chunkSize: chunkSize,
                                sha256: whole.finalize(), chunks: chunks)
    }
}
