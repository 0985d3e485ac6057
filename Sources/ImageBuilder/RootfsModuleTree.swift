import Ext4

/// The `lib/modules/VERSION` tree inside the root filesystem being written, as a module source:
/// the initramfs then carries exactly the modules of the rootfs's kernel.
struct RootfsModuleTree: ModuleTreeSource {
    let filesystem: Ext4Filesystem
    let version: String
    /// How the rootfs is named in messages (the tar or directory given).
    let rootfs: String

    var location: String { "\(rootfs):/lib/modules/\(version)" }

    func contents(of relativePath: String) throws(InitramfsError) -> [UInt8] {
        do {
            return try filesystem.contents(ofFile: "lib/modules/\(version)/\(relativePath)")
        } catch {
            throw .unreadable(file: "\(location)/\(relativePath)", reason: "\(error)")
        }
    }
}
