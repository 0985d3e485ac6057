/// The machine an ELF file is built for, read from its header (`e_ident` and `e_machine`).
public enum ELFMachine: Sendable, Equatable, Codable, CustomStringConvertible {
    case aarch64
    case arm
    case x86_64
    case i386
    case other(UInt16)

    /// Reads the machine from the first 20 bytes of a file; nil when they are not an ELF header.
    public init?(header: some Collection<UInt8>) {
        let bytes = Array(header.prefix(20))
        guard bytes.count == 20, bytes[0...3] == [0x7F, 0x45, 0x4C, 0x46] else { return nil }
        let little = bytes[5] == 1
        let value = little ? UInt16(bytes[18]) | UInt16(bytes[19]) << 8 : UInt16(bytes[18]) << 8 | UInt16(bytes[19])
        switch value {
        case 0xB7: self = .aarch64
        case 0x28: self = .arm
        case 0x3E: self = .x86_64
        case 0x03: self = .i386
        default: self = .other(value)
        }
    }

    /// The architecture Kiln emulates for this machine, if any.
    public var emulated: EmulatedArchitecture? {
        switch self {
        case .aarch64: .aarch64
        case .arm: .arm
        default: nil
        }
    }

    public var description: String {
        switch self {
        case .aarch64: "aarch64"
        case .arm: "arm"
        case .x86_64: "x86_64"
        case .i386: "i386"
        case .other(let value): "machine \(value)"
        }
    }
}
