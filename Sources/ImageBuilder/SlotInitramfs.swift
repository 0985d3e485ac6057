import Ext4
import Glibc

/// Kiln's own initramfs for a slot: the modules of the kernel being installed (from `--modules`, else from
/// the rootfs's `lib/modules/VERSION`), a static busybox (from `--busybox`, else the rootfs's `/bin/busybox`)
/// and the `/init` that mounts `root=PARTUUID=…`; written to a temporary file for the slot to copy.
struct SlotInitramfs {
    let plan: ImagePlan
    let filesystem: Ext4Filesystem
    let busybox: String?
    let modules: String?
    let requested: [String]
    /// The temporary file the initramfs is written to; `remove()` deletes it and any extracted busybox.
    let path: String
    private let extractedBusybox: String

    init(plan: ImagePlan, filesystem: Ext4Filesystem, busybox: String?, modules: String?, requested: [String]) throws(ImageBuildError) {
        self.plan = plan
        self.filesystem = filesystem
        self.busybox = busybox
        self.modules = modules
        self.requested = requested
        path = try Self.temporaryFile("initrd")
        extractedBusybox = try Self.temporaryFile("busybox")
    }

    func remove() {
        unlink(path)
        unlink(extractedBusybox)
    }

    func write() throws(ImageBuildError) {
        let version = try kernelVersion()
        let source: any ModuleTreeSource = modules.map { ModuleDirectory(path: $0) }
            ?? RootfsModuleTree(filesystem: filesystem, version: version, rootfs: plan.request.inputs.rootfs)
        do {
            let initramfs = try Initramfs(kernelVersion: version, moduleNames: requested,
                                          modules: try ModuleDependencyScan.modules(source: source, requested: requested),
                                          sourceDateEpoch: plan.request.sourceDateEpoch)
            try InitramfsWriter(plan: initramfs).write(busybox: try busyboxPath(), modules: source, to: path)
        } catch let error as InitramfsError {
            throw .initramfs(reason: error.description)
        } catch let error as ImageBuildError {
            throw error
        } catch {
            throw .initramfs(reason: "\(error)")
        }
    }

    /// The kernel's release from its banner; it must have a module tree in the rootfs unless `--modules` gives one.
    private func kernelVersion() throws(ImageBuildError) -> String {
        let kernel = plan.request.inputs.kernel
        guard let version = try KernelImageVersion.read(path: kernel) else {
            throw .invalidInput(option: "--kernel", path: kernel,
                                reason: "no 'Linux version' banner: Kiln's initramfs needs an uncompressed arm64 Image (or pass --initrd)")
        }
        guard modules == nil else { return version }
        let present: [String]
        do { present = try filesystem.directoryEntries(at: "lib/modules") } catch { present = [] }
        guard present.contains(version) else {
            let found = present.isEmpty ? "none" : present.joined(separator: ", ")
            throw .missingInput(option: "--modules",
                                reason: "the rootfs has no lib/modules/\(version) for kernel \(version) (it has: \(found)); give the kernel's module tree")
        }
        return version
    }

    /// `--busybox`, else the rootfs's `/bin/busybox` copied out (the writer checks it is static arm64).
    private func busyboxPath() throws(ImageBuildError) -> String {
        if let busybox { return busybox }
        let bytes: [UInt8]
        do {
            bytes = try filesystem.contents(ofFile: "bin/busybox")
        } catch {
            throw .missingInput(option: "--busybox", reason: "the rootfs has no /bin/busybox for Kiln's initramfs (\(error))")
        }
        let descriptor = open(extractedBusybox, O_WRONLY | O_TRUNC | O_CLOEXEC)
        guard descriptor >= 0 else { throw .io(operation: "open", path: extractedBusybox, errno: errno) }
        defer { close(descriptor) }
        let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
        guard written == bytes.count else { throw .io(operation: "write", path: extractedBusybox, errno: errno) }
        return extractedBusybox
    }

    private static func temporaryFile(_ name: String) throws(ImageBuildError) -> String {
        let directory = getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp"
        var template = Array("\(directory)/kiln-\(name)-XXXXXX".utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else { throw .io(operation: "create a temporary file", path: directory, errno: errno) }
        close(descriptor)
        return template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    }
}
