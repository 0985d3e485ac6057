/// Where a kernel's `lib/modules/VERSION` tree is read from: a directory given with `--modules`, or
/// the root filesystem Kiln is writing, so the initramfs always carries the modules of the kernel it boots.
public protocol ModuleTreeSource {
    /// How messages name the tree, e.g. `/lib/modules/6.1.0-56-arm64` or `rootfs.tar:/lib/modules/6.1.0-56-arm64`.
    var location: String { get }

    /// The bytes of `relativePath` (e.g. `modules.dep`, `kernel/fs/ext4/ext4.ko`) inside the tree.
    /// - Throws: `InitramfsError.unreadable` naming the file and the reason.
    func contents(of relativePath: String) throws(InitramfsError) -> [UInt8]
}
