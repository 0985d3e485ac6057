/// The device's OTA configuration, `/etc/kiln/system.toml` (`docs/system-config.md`).
public struct SystemConfiguration: Sendable, Equatable {
    public static let defaultPath = "/etc/kiln/system.toml"

    /// Equals the `compatible` of every bundle this system installs.
    public var board: String
    /// A keyring file or directory of trusted public keys.
    public var keyring: String
    /// Where the updater keeps its lock and the last install's record.
    public var dataDirectory: String
    public var bootloader: Bootloader
    public var slots: [Slot]
    public var health: Health

    public struct Bootloader: Sendable, Equatable {
        public enum Backend: String, Sendable, CaseIterable { case uboot }
        public var backend: Backend
        /// libubootenv's `fw_env.config`: one line per environment copy.
        public var environmentConfig: String
        /// Attempts a newly installed or marked-good slot gets (`BOOT_<slot>_LEFT`).
        public var attempts: Int
    }

    public struct Slot: Sendable, Equatable {
        /// The name U-Boot and `kiln.slot=` use (`A`, `B`).
        public var name: String
        /// The block device (or file) holding the slot's filesystem.
        public var device: String
    }

    public struct Health: Sendable, Equatable {
        /// Executables run after boot; every one must exit 0.
        public var directory: String
        /// Seconds all checks together may take.
        public var timeout: Int
    }

    public init(board: String, keyring: String, dataDirectory: String, bootloader: Bootloader, slots: [Slot], health: Health) {
        self.board = board
        self.keyring = keyring
        self.dataDirectory = dataDirectory
        self.bootloader = bootloader
        self.slots = slots
        self.health = health
    }

    public func slot(named name: String) -> Slot? { slots.first { $0.name == name } }
}
