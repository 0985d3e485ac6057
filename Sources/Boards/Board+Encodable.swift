/// The JSON form `kiln boards show --json` prints: sizes and offsets in bytes, keys in snake_case.
extension Board: Encodable {
    enum CodingKeys: String, CodingKey {
        case name, description, arch, soc, compatible, dtb, kernel, storage, bootloader
        case bootFiles = "boot_files", partitions, network, emulator, rootfs
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(description, forKey: .description)
        try container.encode(architecture, forKey: .arch)
        try container.encode(soc, forKey: .soc)
        try container.encode(deviceTree.compatible, forKey: .compatible)
        try container.encodeIfPresent(deviceTree.dtb, forKey: .dtb)
        try container.encode(kernel, forKey: .kernel)
        try container.encode(storage, forKey: .storage)
        try container.encode(bootloader, forKey: .bootloader)
        try container.encode(bootFiles, forKey: .bootFiles)
        try container.encode(partitions, forKey: .partitions)
        try container.encode(network, forKey: .network)
        try container.encodeIfPresent(emulator, forKey: .emulator)
        try container.encode(rootfs, forKey: .rootfs)
    }
}
