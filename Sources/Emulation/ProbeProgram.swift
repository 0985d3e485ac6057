/// The smallest static executable for an architecture: it exits with status 42 and does nothing else.
///
/// Built here, byte by byte, so `kiln emu status` can test emulation without any file from the target.
public enum ProbeProgram {
    /// The exit status the program ends with.
    public static let exitStatus: Int32 = 42

    /// The program's bytes: an ELF header, one loadable segment, three instructions.
    public static func bytes(for architecture: EmulatedArchitecture) -> [UInt8] {
        architecture == .aarch64 ? aarch64 : arm
    }

    private static var aarch64: [UInt8] {
        let base: UInt64 = 0x40_0000, codeOffset: UInt64 = 64 + 56
        // movz x0, #42; movz x8, #93 (exit); svc #0
        let code: [UInt32] = [0xD280_0540, 0xD280_0BA8, 0xD400_0001]
        let total = codeOffset + UInt64(code.count * 4)
        var bytes: [UInt8] = EmulatedArchitecture.aarch64.magic
        bytes += le(UInt32(1)) + le(base + codeOffset) + le(UInt64(64)) + le(UInt64(0)) + le(UInt32(0))
        bytes += le(UInt16(64)) + le(UInt16(56)) + le(UInt16(1)) + le(UInt16(0)) + le(UInt16(0)) + le(UInt16(0))
        bytes += le(UInt32(1)) + le(UInt32(5)) + le(UInt64(0)) + le(base) + le(base) + le(total) + le(total) + le(UInt64(0x1000))
        return bytes + code.flatMap { le($0) }
    }

    private static var arm: [UInt8] {
        let base: UInt32 = 0x1_0000, codeOffset: UInt32 = 52 + 32
        // mov r0, #42; mov r7, #1 (exit); svc #0
        let code: [UInt32] = [0xE3A0_002A, 0xE3A0_7001, 0xEF00_0000]
        let total = codeOffset + UInt32(code.count * 4)
        var bytes: [UInt8] = EmulatedArchitecture.arm.magic
        // e_flags: EABI version 5, which QEMU and the kernel expect of arm binaries.
        bytes += le(UInt32(1)) + le(base + codeOffset) + le(UInt32(52)) + le(UInt32(0)) + le(UInt32(0x0500_0000))
        bytes += le(UInt16(52)) + le(UInt16(32)) + le(UInt16(1)) + le(UInt16(0)) + le(UInt16(0)) + le(UInt16(0))
        bytes += le(UInt32(1)) + le(UInt32(0)) + le(base) + le(base) + le(total) + le(total) + le(UInt32(5)) + le(UInt32(0x1000))
        return bytes + code.flatMap { le($0) }
    }

    private static func le<Integer: FixedWidthInteger>(_ value: Integer) -> [UInt8] {
        withUnsafeBytes(of: value.littleEndian) { Array($0) }
    }
}
