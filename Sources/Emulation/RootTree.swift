import FoundationEssentials
import Glibc

/// A directory holding a root filesystem, and the machine its programs are built for.
public struct RootTree: Sendable, Equatable {
    /// The directory, absolute, without a trailing slash.
    public var path: String
    /// The machine of the first program found at a well-known path (`bin/sh`, ...).
    public var machine: ELFMachine
    /// The program the machine was read from, relative to the tree.
    public var evidence: String

    /// Programs every usable tree has one of, in the order they are tried.
    static let candidates = ["bin/sh", "usr/bin/sh", "bin/busybox", "usr/bin/env", "bin/ls", "sbin/init"]

    /// Finds the tree's machine from its programs, following symlinks inside the tree.
    /// - Throws: `EmulationError.notARootFilesystem` when `path` is no directory or has none of the programs.
    public init(path: String) throws(EmulationError) {
        var status = stat()
        guard stat(path, &status) == 0, status.st_mode & S_IFMT == S_IFDIR else {
            throw .notARootFilesystem(path: path, reason: "no such directory")
        }
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        let root = absolute.count > 1 && absolute.hasSuffix("/") ? String(absolute.dropLast()) : absolute
        for candidate in Self.candidates {
            guard let resolved = Self.resolve(candidate, in: root),
                  let header = try Self.readHeader("\(root)/\(resolved)"),
                  let machine = ELFMachine(header: header)
            else { continue }
            self.path = root
            self.machine = machine
            self.evidence = candidate
            return
        }
        throw .notARootFilesystem(path: path, reason: "none of \(Self.candidates.joined(separator: ", ")) is an ELF program")
    }

    /// `relative` with every symlink resolved as it would be after chroot into `root`; nil if it dangles or loops.
    static func resolve(_ relative: String, in root: String) -> String? {
        var pending = relative.split(separator: "/").map(String.init)
        var done: [String] = []
        var hops = 0
        while !pending.isEmpty {
            let component = pending.removeFirst()
            if component == "." || component.isEmpty { continue }
            if component == ".." { _ = done.popLast(); continue }
            let host = ([root] + done + [component]).joined(separator: "/")
            var buffer = [CChar](repeating: 0, count: 4096)
            let length = readlink(host, &buffer, buffer.count - 1)
            if length < 0 {
                guard errno == EINVAL else { return nil }  // not a symlink: keep it
                done.append(component)
                continue
            }
            hops += 1
            guard hops <= 40 else { return nil }
            let target = String(decoding: buffer[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            if target.hasPrefix("/") { done = [] }
            pending = target.split(separator: "/").map(String.init) + pending
        }
        return done.joined(separator: "/")
    }

    private static func readHeader(_ path: String) throws(EmulationError) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var header = [UInt8](repeating: 0, count: 20)
        let count = try systemCall("read", path) { header.withUnsafeMutableBytes { read(fd, $0.baseAddress, 20) } }
        return count == 20 ? header : nil
    }
}
