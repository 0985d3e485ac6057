/// Which device tree a board boots with.
public struct DeviceTreeSpec: Sendable, Equatable, Codable {
    /// The board's `compatible` strings, most specific first; a DTB must list the first one.
    public var compatible: [String]
    /// The DTB's path inside a kernel's dtbs tree, or nil where the firmware or emulator supplies it (QEMU `virt`).
    public var dtb: String?

    public init(compatible: [String], dtb: String?) {
        self.compatible = compatible
        self.dtb = dtb
    }
}
