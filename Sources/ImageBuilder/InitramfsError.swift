import Archive

/// Why an initramfs cannot be planned or written.
public enum InitramfsError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A file (a module, `modules.dep`, the busybox binary) could not be read.
    case unreadable(file: String, reason: String)
    /// A line of `modules.dep` is not `path.ko: dependency.ko ...`.
    case malformedModuleDependencies(file: String, line: Int, reason: String)
    /// A requested module is neither a loadable module in `dependencies` nor built into the kernel.
    case unknownModule(name: String, dependencies: String)
    /// The busybox given cannot run as an initramfs's `/init` interpreter on an arm64 board.
    case unusableBusybox(file: String, reason: String)
    /// The kernel version would not make a single path component under `/lib/modules`.
    case invalidKernelVersion(String)
    /// libarchive failed writing the cpio archive.
    case archive(ArchiveError)

    public var description: String {
        switch self {
        case .unreadable(let file, let reason):
            return "\(file): \(reason)"
        case .malformedModuleDependencies(let file, let line, let reason):
            return "\(file):\(line): \(reason)"
        case .unknownModule(let name, let dependencies):
            return "kernel module '\(name)' is neither in \(dependencies) nor built in (modules.builtin)"
        case .unusableBusybox(let file, let reason):
            return "\(file): cannot be the initramfs's busybox: \(reason)"
        case .invalidKernelVersion(let version):
            return "kernel version '\(version)' is not a single path component"
        case .archive(let error):
            return "initramfs: \(error)"
        }
    }
}
