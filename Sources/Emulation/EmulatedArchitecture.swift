/// A CPU architecture Kiln runs through qemu-user, with the binfmt_misc match Debian uses for it.
public enum EmulatedArchitecture: String, Sendable, Codable, CaseIterable, Comparable {
    case aarch64
    case arm

    /// Accepts QEMU's names (aarch64, arm) and Debian's (arm64, armhf, armel).
    /// - Throws: `EmulationError.unknownArchitecture`.
    public init(named name: String) throws(EmulationError) {
        switch name.lowercased() {
        case "aarch64", "arm64": self = .aarch64
        case "arm", "armhf", "armel": self = .arm
        default: throw .unknownArchitecture(name)
        }
    }

    /// The ELF `e_machine` of this architecture's binaries.
    public var machine: ELFMachine { self == .aarch64 ? .aarch64 : .arm }

    /// The entry name mmdebstrap looks for to see the F flag.
    public var entryName: String { "qemu-\(rawValue)" }

    /// Debian's architecture name (the one mmdebstrap and apt take).
    public var debianName: String { self == .aarch64 ? "arm64" : "armhf" }

    /// The interpreter Debian's qemu-user-static registers; its `-binfmt-P` name tells QEMU argv[0] is preserved.
    public var debianInterpreter: String { "/usr/libexec/qemu-binfmt/\(rawValue)-binfmt-P" }

    /// The first 20 bytes of the architecture's ELF executables, as in Debian's `/usr/lib/binfmt.d/qemu-*.conf`.
    public var magic: [UInt8] {
        let elfClass: UInt8 = self == .aarch64 ? 2 : 1
        let machine: UInt8 = self == .aarch64 ? 0xB7 : 0x28
        return [0x7F, 0x45, 0x4C, 0x46, elfClass, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, machine, 0]
    }

    /// Which magic bits count: any OS/ABI byte, and `e_type` 2 or 3 (executables and PIE).
    public var mask: [UInt8] {
        [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
         0xFE, 0xFF, 0xFF, 0xFF]
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}
