import Boards
import UBoot

/// Everything `ImageBuild` will write, worked out and checked before the output file exists.
///
/// Making a plan reads the small inputs (sizes, the DTB, U-Boot's defaults) but writes nothing,
/// so `--dry-run` prints exactly what a build would do.
public struct ImagePlan: Sendable {
    public let request: ImageRequest
    public let imageSize: UInt64
    public let table: any PartitionTable
    public let blobs: [Blob]
    public let environment: Environment
    public let bootCommand: SlotBootCommand
    public let fatVolumes: [FATPartition]
    public let filesystems: [Ext4Partition]

    public var board: Board { request.board }

    /// A bootloader file written raw at its offset.
    public struct Blob: Sendable, Equatable {
        public var file: String
        public var source: String
        public var offset: UInt64
        public var size: UInt64
        public var maxSize: UInt64
    }

    /// The pre-seeded U-Boot environment and where its copies go.
    public struct Environment: Sendable, Equatable {
        public var variables: BootloaderEnvironment
        /// Bytes per copy.
        public var size: UInt64
        public var placement: Placement
        /// How many variables came from U-Boot's built-in defaults (carried over ahead of Kiln's).
        public var carriedDefaults: Int

        public enum Placement: Sendable, Equatable {
            /// Raw copies at these disk offsets.
            case raw(offsets: [UInt64])
            /// Files on the FAT partition with this name.
            case fatFile(partition: String, files: [String])
        }
    }

    /// A FAT partition and everything on it.
    public struct FATPartition: Sendable, Equatable {
        public var partition: Partition
        public var volume: FATVolume
    }

    /// An ext4 partition: identity, and what fills it.
    public struct Ext4Partition: Sendable, Equatable {
        public var partition: Partition
        public var label: String
        public var uuid: [UInt8]
        public var hashSeed: [UInt8]
        public var contents: Contents

        public enum Contents: Sendable, Equatable {
            case empty
            /// The root filesystem from `--rootfs`, plus files added under `/boot`.
            case rootfs(source: String, isDirectory: Bool, boot: [SlotFile])
        }
    }

    /// A file Kiln adds to a slot's `/boot`.
    public struct SlotFile: Sendable, Equatable {
        /// The path inside the slot, without a leading slash (`boot/Image`).
        public var path: String
        public var origin: Origin

        public enum Origin: Sendable, Equatable {
            case file(String)
            case bytes([UInt8])
            /// Kiln's own initramfs, built while the slot is written (its modules come from the rootfs).
            case kilnInitramfs(busybox: String?, modules: String?, requested: [String])
        }
    }
}
