/// What a board's root filesystem needs beyond Debian's minimal base, for `kiln rootfs build --board`.
public struct RootfsSpec: Sendable, Equatable, Codable {
    /// Debian packages to install, e.g. an init system or firmware.
    public var packages: [String]

    public init(packages: [String] = []) {
        self.packages = packages
    }
}
