import ImageBuilder
import KilnTestSupport
import Testing

@Suite("Kernel modules from Debian's modules.dep")
struct KernelModulesTests {
    let modules: KernelModules

    init() throws { modules = try KernelModules(source: try InitramfsFixture.moduleTree()) }

    /// The names in a load order, for readable expectations.
    func names(_ order: [String]) -> [String] {
        order.map { String($0.split(separator: "/").last!.dropLast(3)) }
    }

    @Test func virtioPCIComesAfterItsTransportLibraries() throws {
        let order = names(try modules.loadOrder(for: ["virtio_pci", "virtio_blk"]))
        #expect(order == ["virtio_pci_legacy_dev", "virtio_pci_modern_dev", "virtio_pci", "virtio_blk"])
    }

    @Test func ext4PullsItsDependenciesFirstAndEachOnce() throws {
        let order = try modules.loadOrder(for: InitramfsFixture.virtModules)
        #expect(names(order) == ["virtio_pci_legacy_dev", "virtio_pci_modern_dev", "virtio_pci", "virtio_blk",
                                 "crc16", "mbcache", "jbd2", "ext4", "crc32c_generic"])
        #expect(order.contains("kernel/fs/ext4/ext4.ko"))
        #expect(Set(order).count == order.count)
    }

    @Test func dashAndUnderscoreNameTheSameModule() throws {
        let order = names(try modules.loadOrder(for: ["dw_mmc-rockchip", "ext4", "dw-mmc_rockchip"]))
        #expect(order == ["dw_mmc", "dw_mmc-pltfm", "dw_mmc-rockchip", "crc16", "mbcache", "jbd2", "ext4"])
    }

    @Test func everyDependencyPrecedesItsUser() throws {
        let order = try modules.loadOrder(for: ["sdhci-iproc", "bcm2835", "ext4", "crc32c_generic", "btrfs"])
        for (index, path) in order.enumerated() {
            let name = KernelModules.normalize(String(path.split(separator: "/").last!.dropLast(3)))
            for dependency in modules.modules[name]?.dependencies ?? [] {
                #expect(order[..<index].contains(dependency), "\(dependency) must load before \(path)")
            }
        }
    }

    @Test func builtInModulesAreSkipped() throws {
        // mmc_block and virtio are built into Debian's arm64 kernel (modules.builtin).
        #expect(try modules.loadOrder(for: ["mmc_block", "virtio", "ext4"]).last == "kernel/fs/ext4/ext4.ko")
        #expect(try modules.loadOrder(for: ["mmc_block"]).isEmpty)
    }

    @Test func unknownModuleNamesTheModuleAndModulesDep() throws {
        let error = #expect(throws: InitramfsError.self) { try modules.loadOrder(for: ["ext4", "no_such_driver"]) }
        let path = try InitramfsFixture.moduleTree().path + "/modules.dep"
        #expect(error == .unknownModule(name: "no_such_driver", dependencies: path))
        #expect(error?.description.contains("no_such_driver") == true)
        #expect(error?.description.contains(path) == true)
    }

    @Test func compressedModulesAndMalformedLines() throws {
        let parsed = try KernelModules(
            dependencies: "kernel/fs/ext4/ext4.ko.zst: kernel/lib/crc16.ko.xz\nkernel/lib/crc16.ko.xz:\n",
            builtin: "", dependencyFile: "test/modules.dep")
        #expect(try parsed.loadOrder(for: ["ext4"]) == ["kernel/lib/crc16.ko.xz", "kernel/fs/ext4/ext4.ko.zst"])
        #expect(throws: InitramfsError.malformedModuleDependencies(
            file: "x/modules.dep", line: 2, reason: "no ':' after the module path")) {
            try KernelModules(dependencies: "a.ko:\nb.ko c.ko\n", builtin: "", dependencyFile: "x/modules.dep")
        }
        #expect(throws: InitramfsError.self) {
            try KernelModules(dependencies: "a.ko: ../../etc/shadow.ko\n", builtin: "", dependencyFile: "x")
        }
    }
}
