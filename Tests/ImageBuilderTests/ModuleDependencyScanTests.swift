@testable import ImageBuilder
import KilnTestSupport
import Testing

/// Without modules.dep (a rootfs unpacked from Debian's packages has none), the closure read from
/// modules.order and each module's `depends=` agrees with what depmod wrote.
struct ModuleDependencyScanTests {
    /// The artifact tree with its modules.dep hidden.
    struct WithoutDepmod: ModuleTreeSource {
        let tree: ModuleDirectory
        var location: String { tree.location }
        func contents(of relativePath: String) throws(InitramfsError) -> [UInt8] {
            guard relativePath != "modules.dep" else { throw .unreadable(file: relativePath, reason: "hidden by the test") }
            return try tree.contents(of: relativePath)
        }
    }

    @Test(arguments: [["virtio_pci", "virtio_blk", "ext4", "crc32c_generic"], ["dw_mmc-rockchip", "ext4"],
                      ["sdhci-iproc", "ext4", "crc32c_generic"], ["btrfs", "nf_tables"]])
    func agreesWithDepmod(requested: [String]) throws {
        let tree = ModuleDirectory(path: try Artifacts.path("kernel/modules"))
        let depmod = try KernelModules(source: tree).loadOrder(for: requested)
        let scanned = try ModuleDependencyScan.modules(source: WithoutDepmod(tree: tree), requested: requested).loadOrder(for: requested)
        #expect(Set(scanned) == Set(depmod))
        #expect(scanned.count == depmod.count)
        // Every module comes after everything depmod says it needs.
        let reference = try KernelModules(source: tree)
        for (position, path) in scanned.enumerated() {
            let name = KernelModules.name(ofPath: path)!
            for dependency in reference.modules[name]?.dependencies ?? [] {
                #expect(scanned.firstIndex(of: dependency).map { $0 < position } == true, "\(dependency) before \(path)")
            }
        }
    }

    @Test func readsDependsFromModinfo() throws {
        let ext4 = try Artifacts.bytes("kernel/modules/kernel/fs/ext4/ext4.ko")
        #expect(Set(ModuleDependencyScan.dependencies(in: ext4)) == ["mbcache", "jbd2", "crc16"])
    }
}
