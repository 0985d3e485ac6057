/// How QEMU's system emulator runs the board, for boards that are virtual or can be emulated.
public struct Emulator: Sendable, Equatable, Codable {
    /// `-M`, e.g. `virt`.
    public var machine: String
    /// `-cpu`, e.g. `cortex-a53`.
    public var cpu: String
    public var memory: ByteSize
    /// The bootloader input QEMU loads with `-bios` instead of reading it from the disk.
    public var bios: String?

    public init(machine: String, cpu: String, memory: ByteSize, bios: String?) {
        self.machine = machine
        self.cpu = cpu
        self.memory = memory
        self.bios = bios
    }
}
