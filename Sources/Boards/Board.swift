/// A board definition: what Kiln needs to know to build, boot and update one kind of board.
///
/// Plain values only; `BoardDecoder` makes one from a TOML file and `BoardValidator` checks it.
public struct Board: Sendable, Equatable {
    public var name: String
    public var description: String
    public var architecture: Architecture
    public var soc: String
    public var deviceTree: DeviceTreeSpec
    public var kernel: KernelSpec
    public var storage: Storage
    public var bootloader: Bootloader
    public var bootFiles: [BootFile]
    public var partitions: [Partition]
    public var network: NetworkRoles
    public var emulator: Emulator?
    /// What `kiln rootfs build --board` adds to the root filesystem.
    public var rootfs: RootfsSpec

    public init(
        name: String, description: String, architecture: Architecture, soc: String,
        deviceTree: DeviceTreeSpec, kernel: KernelSpec, storage: Storage, bootloader: Bootloader,
        bootFiles: [BootFile], partitions: [Partition], network: NetworkRoles, emulator: Emulator?,
        rootfs: RootfsSpec = RootfsSpec()
    ) {
        self.name = name
        self.description = description
        self.architecture = architecture
        self.soc = soc
        self.deviceTree = deviceTree
        self.kernel = kernel
        self.storage = storage
        self.bootloader = bootloader
        self.bootFiles = bootFiles
        self.partitions = partitions
        self.network = network
        self.emulator = emulator
        self.rootfs = rootfs
    }

    /// The partitions that hold root filesystem slots, in the order the board lists them.
    public var slots: [Partition] { partitions.filter { $0.role == .slot } }

    /// The partition a FAT-file environment or the boot files live on.
    public var bootPartition: Partition? { partitions.first { $0.role == .boot } }
}

/// The CPU architecture a board's userland runs.
public enum Architecture: String, Sendable, Codable, CaseIterable {
    case arm64
    case armhf
}
