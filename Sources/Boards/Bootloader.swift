/// The bootloader pieces a board needs: raw blobs on the disk and where U-Boot keeps its environment.
public struct Bootloader: Sendable, Equatable, Codable {
    public var blobs: [BootloaderBlob]
    public var environment: EnvironmentLocation
    /// The boot disk as U-Boot names it (`interface device`, e.g. `mmc 0`, `virtio 0`): where the A/B
    /// boot command loads a slot's kernel from when no boot script told it the device.
    public var device: String
    /// How many times each slot may fail to come up before the boot command gives up on it (1–9).
    public var bootAttempts: Int

    public init(blobs: [BootloaderBlob], environment: EnvironmentLocation, device: String = "mmc 0", bootAttempts: Int = 3) {
        self.blobs = blobs
        self.environment = environment
        self.device = device
        self.bootAttempts = bootAttempts
    }

    enum CodingKeys: String, CodingKey {
        case blobs, environment, device, bootAttempts = "boot_attempts"
    }
}

/// A bootloader file written raw at a byte offset of the disk (the boot ROM finds it there).
public struct BootloaderBlob: Sendable, Equatable, Codable {
    /// The file's name in the `--bootloader` input directory.
    public var file: String
    public var offset: ByteSize
    /// The most the blob may occupy; the region `[offset, offset + maxSize)` is reserved for it.
    public var maxSize: ByteSize

    public init(file: String, offset: ByteSize, maxSize: ByteSize) {
        self.file = file
        self.offset = offset
        self.maxSize = maxSize
    }

    public var range: ByteRange { ByteRange(start: offset.bytes, length: maxSize.bytes) }

    enum CodingKeys: String, CodingKey {
        case file, offset, maxSize = "max_size"
    }
}
