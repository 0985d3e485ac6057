import Glibc

/// The release a kernel image was built as, read from its `Linux version 6.1.0-56-arm64 (…)` banner:
/// it names the `lib/modules/VERSION` tree the initramfs must take its modules from.
enum KernelImageVersion {
    static let marker = Array("Linux version ".utf8)

    /// The release in the first banner of the uncompressed image at `path`; nil when there is none
    /// (a compressed `vmlinuz`, say).
    /// - Throws: `ImageBuildError.invalidInput` when the file cannot be read. Wraps `open`, `read`.
    static func read(path: String) throws(ImageBuildError) -> String? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .invalidInput(option: "--kernel", path: path, reason: ImageBuildError.message(errno)) }
        defer { close(descriptor) }
        var window: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count >= 0 else { throw .invalidInput(option: "--kernel", path: path, reason: ImageBuildError.message(errno)) }
            if count == 0 { return nil }
            // Keep a tail so a banner split across two reads is still found.
            window = Array(window.suffix(256)) + chunk[..<count]
            if let release = release(in: window) { return release }
        }
    }

    /// The word after the first complete `Linux version ` in `bytes`.
    static func release(in bytes: [UInt8]) -> String? {
        bytes.withUnsafeBytes { buffer -> String? in
            guard let base = buffer.baseAddress else { return nil }
            var index = 0
            // memchr skips ahead to each 'L' at C speed: the image is tens of megabytes.
            while index + marker.count < buffer.count,
                  let hit = memchr(base + index, Int32(marker[0]), buffer.count - index - marker.count) {
                index = base.distance(to: UnsafeRawPointer(hit))
                if buffer[index..<(index + marker.count)].elementsEqual(marker) {
                    let start = index + marker.count
                    guard let end = buffer[start...].firstIndex(where: { $0 == 0x20 || $0 == 0 }) else { return nil }
                    let word = buffer[start..<end]
                    if !word.isEmpty, word.count < 128, word.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) {
                        return String(decoding: word, as: UTF8.self)
                    }
                }
                index += 1
            }
            return nil
        }
    }
}
