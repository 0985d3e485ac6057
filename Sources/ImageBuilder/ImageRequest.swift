import Boards

/// What `kiln image build` was asked for: a board, its inputs and where the image goes.
public struct ImageRequest: Sendable {
    public var board: Board
    public var inputs: ImageInputs
    /// The image path; it exists only once the build succeeded.
    public var output: String
    /// The image size; the board's default when nil.
    public var imageSize: UInt64?
    /// Seconds since the epoch for every timestamp and derived identifier (`SOURCE_DATE_EPOCH`).
    public var sourceDateEpoch: Int64
    /// Names the image in its derived identifiers (disk and partition GUIDs, filesystem UUIDs).
    public var imageName: String
    /// Also write `<output>.bmap`.
    public var blockMap: Bool
    /// Also write a compressed copy beside the image.
    public var compression: ImageCompression?

    public init(board: Board, inputs: ImageInputs, output: String, imageSize: UInt64? = nil, sourceDateEpoch: Int64,
                imageName: String? = nil, blockMap: Bool = false, compression: ImageCompression? = nil) {
        self.board = board
        self.inputs = inputs
        self.output = output
        self.imageSize = imageSize
        self.sourceDateEpoch = sourceDateEpoch
        self.imageName = imageName ?? board.name
        self.blockMap = blockMap
        self.compression = compression
    }

    /// Where the block map goes.
    public var blockMapPath: String { output + ".bmap" }
    /// Where the compressed copy goes.
    public var compressedPath: String? { compression.map { output + "." + $0.fileExtension } }
}

/// The files and directories an image is built from, as the command line names them.
public struct ImageInputs: Sendable, Equatable {
    /// A tar (plain, gzip, xz, zstd) or a directory: slot A's root filesystem.
    public var rootfs: String
    /// The arm64 kernel image, copied to each slot's `/boot`.
    public var kernel: String
    /// A kernel's `dtbs` tree; the board names its DTB inside it.
    public var dtbs: String?
    /// The board's U-Boot files by name.
    public var bootloader: String?
    /// The Raspberry Pi firmware files.
    public var firmware: String?
    /// An initramfs to use instead of Kiln's own.
    public var initrd: String?
    /// A `lib/modules/VERSION` tree for Kiln's initramfs, instead of the one in the rootfs.
    public var modules: String?
    /// A static busybox for Kiln's initramfs, instead of the rootfs's `/bin/busybox`.
    public var busybox: String?

    public init(rootfs: String, kernel: String, dtbs: String? = nil, bootloader: String? = nil, firmware: String? = nil,
                initrd: String? = nil, modules: String? = nil, busybox: String? = nil) {
        self.rootfs = rootfs
        self.kernel = kernel
        self.dtbs = dtbs
        self.bootloader = bootloader
        self.firmware = firmware
        self.initrd = initrd
        self.modules = modules
        self.busybox = busybox
    }

    /// The directory given for a boot file's input, with the option that names it.
    func directory(for input: BuildInput) -> (option: String, path: String?) {
        switch input {
        case .bootloader: ("--bootloader", bootloader)
        case .firmware: ("--firmware", firmware)
        case .dtbs: ("--dtbs", dtbs)
        }
    }
}

/// The compressed copy `--compress` writes beside the image.
public enum ImageCompression: String, Sendable, CaseIterable {
    case zstd
    case xz

    public var fileExtension: String { self == .zstd ? "zst" : "xz" }
}
