/// How the bootloader starts the kernel and what the initramfs needs to reach the root filesystem.
public struct KernelSpec: Sendable, Equatable, Codable {
    /// The kernel image file name U-Boot loads from a slot's `/boot` (`Image`: uncompressed arm64).
    public var image: String
    /// The `console=` argument, e.g. `ttyS2,1500000`.
    public var console: String
    /// Kernel modules (by name, dependencies resolved from `modules.dep`) needed to mount the root filesystem.
    public var modules: [String]
    /// Extra kernel command-line arguments.
    public var arguments: [String]
    /// A file on the boot partition that gets slot A's kernel command line (`cmdline.txt` for the
    /// Raspberry Pi firmware, which reads it when it starts a kernel itself); nil for none.
    public var commandLineFile: String?

    public init(image: String, console: String, modules: [String], arguments: [String], commandLineFile: String? = nil) {
        self.image = image
        self.console = console
        self.modules = modules
        self.arguments = arguments
        self.commandLineFile = commandLineFile
    }

    enum CodingKeys: String, CodingKey {
        case image, console, modules, arguments, commandLineFile = "cmdline_file"
    }
}
