import Foundation

/// The root filesystem of a `LinuxGuest`: a directory tree staged on the host, then archived as the newc
/// cpio the kernel unpacks (`cpio -o -H newc`, owned by root). Staging is removed on deinit.
public final class GuestInitramfs {
    private let staging: TemporaryDirectory
    private var linked: Set<String> = []

    /// - Throws: what creating the staging directory throws.
    public init() throws {
        staging = try TemporaryDirectory(prefix: "kiln-initramfs")
    }

    private func hostPath(_ path: String) -> String { staging.path + (path.hasPrefix("/") ? path : "/" + path) }

    /// Creates the directory `path` (and its parents) in the archive.
    public func makeDirectory(_ path: String) throws {
        try FileManager.default.createDirectory(atPath: hostPath(path), withIntermediateDirectories: true)
    }

    /// Copies the host file `source` to `path`, following symlinks (the archive gets the bytes) and keeping
    /// its mode; a path already there is kept, as libraries several executables share are added once.
    public func copy(_ source: String, to path: String) throws {
        let destination = hostPath(path)
        guard !FileManager.default.fileExists(atPath: destination) else { return }
        try makeDirectory((path as NSString).deletingLastPathComponent)
        let resolved = URL(fileURLWithPath: source).resolvingSymlinksInPath().path
        try FileManager.default.copyItem(atPath: resolved, toPath: destination)
    }

    /// Writes `text` to `path`, executable or not.
    public func write(_ text: String, to path: String, executable: Bool = false) throws {
        try makeDirectory((path as NSString).deletingLastPathComponent)
        try Data(text.utf8).write(to: URL(fileURLWithPath: hostPath(path)))
        try FileManager.default.setAttributes([.posixPermissions: executable ? 0o755 : 0o644],
                                              ofItemAtPath: hostPath(path))
    }

    /// Creates the symlink `path` → `target` unless `path` exists.
    public func link(_ path: String, to target: String) throws {
        guard !FileManager.default.fileExists(atPath: hostPath(path)) else { return }
        try makeDirectory((path as NSString).deletingLastPathComponent)
        try FileManager.default.createSymbolicLink(atPath: hostPath(path), withDestinationPath: target)
    }

    /// Adds the host executable at its own path, every shared object `ldd` lists for it at theirs (the
    /// loader's default directories and the executable's RUNPATH then find them as on the host), and
    /// `/usr/local/bin/<name>` so that a script finds it by name.
    /// - Throws: `GuestError.unresolvedLibrary`, or what copying throws.
    public func addExecutable(_ path: String) throws {
        try copy(path, to: path)
        try addLibraries(of: path)
        let name = (path as NSString).lastPathComponent
        if linked.insert(name).inserted { try link("/usr/local/bin/\(name)", to: path) }
    }

    /// Adds the shared objects `ldd` lists for the host executable `path`, each at its own path.
    /// - Throws: `GuestError.unresolvedLibrary`, or what copying throws.
    public func addLibraries(of path: String) throws {
        for library in try RuntimeLibraries.of(path) { try copy(library, to: library) }
    }

    /// Adds the kernel module `source` as `path`, decompressed: busybox's insmod takes plain ELF only.
    /// - Throws: `GuestError.unsupportedModuleCompression`, or what copying or the decompressor throws.
    public func addModule(_ source: String, to path: String) throws {
        let decompressors = [".ko.xz": ["xz", "-d", "-q"], ".ko.zst": ["zstd", "-d", "-q", "--rm"],
                             ".ko.gz": ["gzip", "-d", "-q"]]
        guard let (suffix, tool) = decompressors.first(where: { source.hasSuffix($0.key) }) else {
            guard source.hasSuffix(".ko") else { throw GuestError.unsupportedModuleCompression(path: source) }
            return try copy(source, to: path)
        }
        let compressed = path + String(suffix.dropFirst(3))
        try copy(source, to: compressed)
        try Command.output(tool + [hostPath(compressed)])
    }

    /// Writes the archive to `output` (newc, every entry owned by root).
    /// - Throws: what listing the tree throws, or `CommandFailure` from cpio.
    public func archive(to output: String) throws {
        guard let walker = FileManager.default.enumerator(atPath: staging.path) else {
            throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: staging.path])
        }
        var entries: [String] = []
        while let entry = walker.nextObject() as? String { entries.append(entry) }
        // Outside the staged tree, so the list does not list itself.
        let list = output + ".list"
        defer { try? FileManager.default.removeItem(atPath: list) }
        try Data((entries.sorted().joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: list))
        try Command.output(["cpio", "-o", "-H", "newc", "-R", "0:0", "--quiet", "-O", output],
                           directory: staging.path, stdin: list)
    }
}
