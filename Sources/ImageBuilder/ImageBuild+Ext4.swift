import Archive
import Ext4
import Glibc

extension ImageBuild {
    /// Formats an ext4 partition inside the image; slot A also gets the rootfs and its `/boot` files.
    func writeExt4(_ planned: ImagePlan.Ext4Partition, to file: ImageFile, report: ImageBuildObserver) throws(ImageBuildError) {
        let partition = planned.partition
        let parameters = Ext4Parameters(size: partition.size.bytes, label: planned.label, uuid: planned.uuid,
                                        hashSeed: planned.hashSeed, timestamp: plan.request.sourceDateEpoch)
        var formatted: Ext4Filesystem?
        try ext4(partition.name) { () throws(Ext4Error) in
            formatted = try Ext4Filesystem.format(path: file.temporaryPath, offset: partition.offset.bytes, parameters: parameters)
        }
        guard let filesystem = formatted else { return }
        if case .rootfs(let source, let isDirectory, let boot) = planned.contents {
            try ext4(partition.name) { () throws(Ext4Error) in
                try populate(filesystem, from: source, isDirectory: isDirectory, step: partition.name, report: report)
            }
            for slotFile in boot { try add(slotFile, to: filesystem, partition: partition.name) }
        }
        try ext4(partition.name) { () throws(Ext4Error) in try filesystem.close() }
        report(.init(step: partition.name, completed: 1, total: 1))
    }

    /// Runs `body`, turning its ext4 errors into ones that name the partition.
    func ext4(_ partition: String, _ body: () throws(Ext4Error) -> Void) throws(ImageBuildError) {
        do {
            try body()
        } catch {
            switch error {
            case .library(_, _, _, let code, _) where [ENOSPC, EDQUOT, EFBIG].contains(Int32(truncatingIfNeeded: code)):
                throw .diskFull(path: plan.request.output, errno: Int32(truncatingIfNeeded: code))
            case .system(_, _, let errno) where [ENOSPC, EDQUOT, EFBIG].contains(errno):
                throw .diskFull(path: plan.request.output, errno: errno)
            default:
                throw .filesystem(partition: partition, reason: error.description)
            }
        }
    }

    private func populate(_ filesystem: Ext4Filesystem, from source: String, isDirectory: Bool, step: String,
                          report: ImageBuildObserver) throws(Ext4Error) {
        var status = stat()
        let total = !isDirectory && stat(source, &status) == 0 ? UInt64(status.st_size) : 0
        let reader: any ArchiveEntrySource
        do {
            reader = isDirectory ? try DirectoryReader(path: source) : try ArchiveReader(path: source)
        } catch let error as ArchiveError {
            throw .archive(error)
        } catch {
            throw .source(path: source, errno: EIO)
        }
        try withoutActuallyEscaping(report) { (report) throws(Ext4Error) in
            try filesystem.populate(from: reader) { done in report(.init(step: step, completed: min(done, total), total: total)) }
        }
    }

    private func add(_ file: ImagePlan.SlotFile, to filesystem: Ext4Filesystem, partition: String) throws(ImageBuildError) {
        let mtime = plan.request.sourceDateEpoch
        switch file.origin {
        case .file(let path):
            try ext4(partition) { () throws(Ext4Error) in try filesystem.addFile(file.path, copying: path, mtime: mtime) }
        case .bytes(let bytes):
            try ext4(partition) { () throws(Ext4Error) in try filesystem.addFile(file.path, contents: bytes, mtime: mtime) }
        case .kilnInitramfs(let busybox, let modules, let requested):
            let initramfs = try SlotInitramfs(plan: plan, filesystem: filesystem, busybox: busybox, modules: modules, requested: requested)
            defer { initramfs.remove() }
            try initramfs.write()
            try ext4(partition) { () throws(Ext4Error) in try filesystem.addFile(file.path, copying: initramfs.path, mtime: mtime) }
        }
    }
}
