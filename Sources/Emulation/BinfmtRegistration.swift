/// A binfmt_misc registration as a plain value: what `kiln emu register` writes to `register`.
public struct BinfmtRegistration: Sendable, Equatable, Codable {
    public var name: String
    public var interpreter: String
    public var flags: BinfmtFlags
    public var offset: Int
    public var magic: [UInt8]
    public var mask: [UInt8]
    public var fileExtension: String?

    public init(name: String, interpreter: String, flags: BinfmtFlags, offset: Int = 0,
                magic: [UInt8], mask: [UInt8], fileExtension: String? = nil) {
        self.name = name
        self.interpreter = interpreter
        self.flags = flags
        self.offset = offset
        self.magic = magic
        self.mask = mask
        self.fileExtension = fileExtension
    }

    /// Kiln's entry for `architecture`: Debian's name, magic and mask; F always, P only when the
    /// interpreter is one of Debian's `-binfmt-P` names (plain qemu-*-static would misread argv), never C.
    public init(architecture: EmulatedArchitecture, interpreter: String? = nil) {
        let path = interpreter ?? architecture.debianInterpreter
        var flags: BinfmtFlags = [.openBinary, .fixBinary]
        if path.hasSuffix("-binfmt-P") { flags.insert(.preserveArgv0) }
        self.init(name: architecture.entryName, interpreter: path, flags: flags,
                  magic: architecture.magic, mask: architecture.mask)
    }

    /// The registration that recreates `entry` as the kernel reported it (to restore a snapshot).
    public init(entry: BinfmtEntry) {
        self.init(name: entry.name, interpreter: entry.interpreter, flags: entry.flags, offset: entry.offset,
                  magic: entry.magic, mask: entry.mask, fileExtension: entry.fileExtension)
    }

    /// The line for `/proc/sys/fs/binfmt_misc/register`: `:name:type:offset:magic:mask:interpreter:flags`,
    /// every magic and mask byte escaped as `\xHH` so none can be a colon.
    public var line: String {
        let escape = { (bytes: [UInt8]) in bytes.map { "\\x" + hex($0) }.joined() }
        if let fileExtension {
            return ":\(name):E::\(fileExtension)::\(interpreter):\(flags.letters)"
        }
        let maskText = mask.allSatisfy { $0 == 0xFF } ? "" : escape(mask)
        return ":\(name):M:\(offset == 0 ? "" : String(offset)):\(escape(magic)):\(maskText):\(interpreter):\(flags.letters)"
    }

    /// Whether `entry` is what this registration made.
    public func describes(_ entry: BinfmtEntry) -> Bool {
        entry.name == name && entry.interpreter == interpreter && entry.flags == flags && entry.offset == offset
            && entry.magic == magic && entry.fileExtension == fileExtension
            && (entry.mask == mask || (mask.isEmpty && entry.mask.allSatisfy { $0 == 0xFF }))
    }
}

private func hex(_ byte: UInt8) -> String {
    let digits = Array("0123456789abcdef")
    return String([digits[Int(byte >> 4)], digits[Int(byte & 0xF)]])
}
