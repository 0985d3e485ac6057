import Glibc

/// Reads the build's input files, turning every failure into an error that names the option and path.
enum InputFile {
    enum Kind: Equatable { case file, directory, other }

    /// What `path` is (following symlinks).
    /// - Throws: `ImageBuildError.invalidInput` when it cannot be examined (absent, unreadable parent).
    static func kind(option: String, path: String) throws(ImageBuildError) -> (kind: Kind, size: UInt64) {
        var status = stat()
        guard stat(path, &status) == 0 else {
            throw .invalidInput(option: option, path: path, reason: ImageBuildError.message(errno))
        }
        let type = status.st_mode & S_IFMT
        let kind: Kind = type == S_IFREG ? .file : type == S_IFDIR ? .directory : .other
        return (kind, UInt64(status.st_size))
    }

    /// The size of the regular file at `path`.
    /// - Throws: `ImageBuildError.invalidInput` when it is missing or not a regular file.
    static func size(option: String, path: String) throws(ImageBuildError) -> UInt64 {
        let (kind, size) = try self.kind(option: option, path: path)
        guard kind == .file else { throw .invalidInput(option: option, path: path, reason: "not a regular file") }
        return size
    }

    /// The directory `path`, checked to be one.
    /// - Throws: `ImageBuildError.invalidInput` when it is missing or not a directory.
    static func directory(option: String, path: String) throws(ImageBuildError) {
        guard try kind(option: option, path: path).kind == .directory else {
            throw .invalidInput(option: option, path: path, reason: "not a directory")
        }
    }

    /// The whole file; for the small inputs only (DTBs, U-Boot binaries, blobs).
    /// - Throws: `ImageBuildError.invalidInput` naming the option and path. Wraps `open`, `read`.
    static func read(option: String, path: String) throws(ImageBuildError) -> [UInt8] {
        let expected = try size(option: option, path: path)
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .invalidInput(option: option, path: path, reason: ImageBuildError.message(errno)) }
        defer { close(descriptor) }
        var bytes = [UInt8](repeating: 0, count: Int(expected))
        var done = 0
        while done < bytes.count {
            let count = bytes.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress! + done, $0.count - done) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else {
                let reason = count == 0 ? "the file shrank while it was read" : ImageBuildError.message(errno)
                throw .invalidInput(option: option, path: path, reason: reason)
            }
            done += count
        }
        return bytes
    }

    /// `directory/name` without a doubled slash.
    static func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }
}
