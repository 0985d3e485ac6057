/// The ELF header facts that decide whether a binary can run as the initramfs's busybox on an arm64 board.
///
/// The initramfs holds no dynamic loader or C library, so a dynamically linked busybox (Debian's
/// `busybox` package, as opposed to `busybox-static`) would fail to exec and the kernel would panic.
struct StaticExecutable {
    /// `EM_AARCH64` in `e_machine`.
    static let aarch64: UInt16 = 183
    /// `PT_INTERP`: the program header naming the dynamic loader.
    static let interpreterSegment: UInt32 = 3

    /// Checks that `bytes` (read from `file`) are a little-endian 64-bit arm64 executable without `PT_INTERP`.
    /// - Throws: `InitramfsError.unusableBusybox` naming `file` and the first check that fails.
    static func check(_ bytes: [UInt8], file: String) throws(InitramfsError) {
        func reject(_ reason: String) -> InitramfsError { .unusableBusybox(file: file, reason: reason) }
        guard bytes.count >= 64, bytes[0..<4].elementsEqual([0x7F, 0x45, 0x4C, 0x46]) else {
            throw reject("not an ELF file")
        }
        guard bytes[4] == 2, bytes[5] == 1 else { throw reject("not a 64-bit little-endian ELF file") }
        let type = bytes.loadLittleEndian(UInt16.self, at: 16)
        guard type == 2 || type == 3 else { throw reject("ELF type \(type) is not an executable") }
        let machine = bytes.loadLittleEndian(UInt16.self, at: 18)
        guard machine == aarch64 else {
            throw reject("built for ELF machine \(machine)\(machine == 62 ? " (x86-64)" : ""), not aarch64 (183)")
        }
        let table = Int(bytes.loadLittleEndian(UInt64.self, at: 32))
        let entrySize = Int(bytes.loadLittleEndian(UInt16.self, at: 54))
        let count = Int(bytes.loadLittleEndian(UInt16.self, at: 56))
        guard entrySize >= 4, table >= 64, table + entrySize * count <= bytes.count else {
            throw reject("program headers lie outside the file")
        }
        for index in 0..<count where bytes.loadLittleEndian(UInt32.self, at: table + index * entrySize) == interpreterSegment {
            throw reject("dynamically linked (it has a PT_INTERP program header); use a static busybox, e.g. Debian's busybox-static")
        }
    }
}
