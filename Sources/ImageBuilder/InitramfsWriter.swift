import Archive
import Glibc

/// Writes an `Initramfs` plan as the kernel unpacks it: a newc cpio, zstd-compressed, every member
/// owned by root with the plan's modification time, in the plan's order, so equal inputs give equal bytes.
///
/// zstd because Debian's arm64 kernels are built with `CONFIG_RD_ZSTD=y` (6.1's config, checked) and
/// it unpacks faster than gzip on small boards; U-Boot passes the ramdisk through untouched.
public struct InitramfsWriter {
    public let plan: Initramfs

    public init(plan: Initramfs) { self.plan = plan }

    /// Reads busybox and every module, checks them, then writes the archive to `path`.
    ///
    /// Nothing is created when an input is missing or unusable; a failed write removes the partial file.
    /// - Throws: `InitramfsError.unusableBusybox` for a busybox that is not a static arm64 executable,
    ///   `.unreadable` for an input that cannot be read, `.archive` when writing fails.
    public func write(busybox: String, modules: some ModuleTreeSource, to path: String) throws(InitramfsError) {
        let busyboxBytes = try ModuleDirectory.read(busybox)
        try StaticExecutable.check(busyboxBytes, file: busybox)
        var moduleBytes: [String: [UInt8]] = [:]
        for module in plan.modules { moduleBytes[module] = try modules.contents(of: module) }
        do {
            let writer = try ArchiveWriter(path: path, format: .cpioNewc, filter: .zstd)
            for member in plan.members {
                let data = bytes(of: member, busybox: busyboxBytes, modules: moduleBytes)
                try writer.write(entry(for: member, size: data.count), data: data)
            }
            try writer.finish()
        } catch let error as ArchiveError {
            unlink(path)
            throw .archive(error)
        } catch {
            // ArchiveWriter throws only ArchiveError; keep any other error visible all the same.
            unlink(path)
            throw .archive(.misuse(archive: path, reason: "\(error)"))
        }
    }

    private func bytes(of member: InitramfsMember, busybox: [UInt8], modules: [String: [UInt8]]) -> [UInt8] {
        switch member.content {
        case .busybox: busybox
        case .module(let module): modules[module] ?? []
        case .text(let text): Array(text.utf8)
        case .directory, .characterDevice, .symlink: []
        }
    }

    private func entry(for member: InitramfsMember, size: Int) -> ArchiveEntry {
        let kind: ArchiveEntry.Kind = switch member.content {
        case .directory: .directory
        case .characterDevice(let major, let minor): .characterDevice(major: major, minor: minor)
        case .symlink(let target): .symlink(target: target)
        case .busybox, .module, .text: .regular
        }
        return ArchiveEntry(path: member.path, kind: kind, permissions: member.permissions,
                            modificationTime: .init(seconds: plan.modificationTime), size: Int64(size))
    }
}
