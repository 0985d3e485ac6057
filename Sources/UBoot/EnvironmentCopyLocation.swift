/// Where one copy of the environment lives: a device or file, the offset of the copy in it, and its size.
public struct EnvironmentCopyLocation: Sendable, Hashable, CustomStringConvertible {
    /// A block device (`/dev/mmcblk0`), or a file such as `uboot.env` on a mounted FAT partition.
    public var device: String
    public var offset: UInt64
    /// The size of the copy (`CONFIG_ENV_SIZE`).
    public var size: Int
    /// `fw_env.config`'s erase-sector size; only flash needs it, and it is kept so the configuration round-trips.
    public var sectorSize: Int?

    public init(device: String, offset: UInt64, size: Int, sectorSize: Int? = nil) {
        self.device = device
        self.offset = offset
        self.size = size
        self.sectorSize = sectorSize
    }

    public var description: String { "\(device) at \(hex(offset))" }
}
