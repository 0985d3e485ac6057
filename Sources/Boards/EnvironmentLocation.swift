/// Where U-Boot stores its environment, and so where Kiln keeps the A/B state.
public struct EnvironmentLocation: Sendable, Equatable {
    public var storage: Store
    /// The size of one copy (`CONFIG_ENV_SIZE`): CRC, optional flags byte, then the variables.
    public var size: ByteSize
    /// Who reads this environment at boot.
    public var loader: Loader
    /// The U-Boot binary (a file in the bootloader input) whose built-in defaults the stored environment
    /// carries over: a valid stored environment replaces them entirely. Nil when `loader` is `.bootScript`.
    public var defaultsFrom: String?

    public init(storage: Store, size: ByteSize, loader: Loader = .uBoot, defaultsFrom: String? = nil) {
        self.storage = storage
        self.size = size
        self.loader = loader
        self.defaultsFrom = defaultsFrom
    }

    /// Who reads the environment when the board starts.
    public enum Loader: String, Sendable, Equatable, Codable, CaseIterable {
        /// U-Boot's own environment: it loads it at start and `saveenv` writes it back.
        case uBoot = "u-boot"
        /// A file U-Boot does not know about (QEMU's U-Boot keeps its own in flash): Kiln's boot script
        /// imports it with `env import` and writes it back with `env export` + `fatwrite`.
        case bootScript = "boot-script"
    }

    /// How the copies are stored.
    public enum Store: Sendable, Equatable {
        /// Raw bytes on the boot disk at `offset`; a second copy at `redundantOffset` makes it redundant.
        case raw(offset: ByteSize, redundantOffset: ByteSize?)
        /// A file on a FAT partition (`uboot.env` on the Raspberry Pi); a second file makes it redundant.
        case fatFile(partition: String, file: String, redundantFile: String?)
    }

    /// The disk regions the copies occupy (empty for a FAT file: it lives inside its partition).
    public var rawRanges: [ByteRange] {
        guard case .raw(let offset, let redundant) = storage else { return [] }
        return [offset, redundant].compactMap { $0 }.map { ByteRange(start: $0.bytes, length: size.bytes) }
    }
}

extension EnvironmentLocation: Codable {
    enum CodingKeys: String, CodingKey {
        case storage, offset, redundantOffset = "redundant_offset", partition, file, redundantFile = "redundant_file", size
        case loader = "loaded_by", defaultsFrom = "defaults_from"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch storage {
        case .raw(let offset, let redundant):
            try container.encode("raw", forKey: .storage)
            try container.encode(offset, forKey: .offset)
            try container.encodeIfPresent(redundant, forKey: .redundantOffset)
        case .fatFile(let partition, let file, let redundant):
            try container.encode("fat-file", forKey: .storage)
            try container.encode(partition, forKey: .partition)
            try container.encode(file, forKey: .file)
            try container.encodeIfPresent(redundant, forKey: .redundantFile)
        }
        try container.encode(size, forKey: .size)
        try container.encode(loader, forKey: .loader)
        try container.encodeIfPresent(defaultsFrom, forKey: .defaultsFrom)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let size = try container.decode(ByteSize.self, forKey: .size)
        let loader = try container.decodeIfPresent(Loader.self, forKey: .loader) ?? .uBoot
        let defaultsFrom = try container.decodeIfPresent(String.self, forKey: .defaultsFrom)
        switch try container.decode(String.self, forKey: .storage) {
        case "raw":
            self.init(storage: .raw(
                offset: try container.decode(ByteSize.self, forKey: .offset),
                redundantOffset: try container.decodeIfPresent(ByteSize.self, forKey: .redundantOffset)),
                size: size, loader: loader, defaultsFrom: defaultsFrom)
        default:
            self.init(storage: .fatFile(
                partition: try container.decode(String.self, forKey: .partition),
                file: try container.decode(String.self, forKey: .file),
                redundantFile: try container.decodeIfPresent(String.self, forKey: .redundantFile)),
                size: size, loader: loader, defaultsFrom: defaultsFrom)
        }
    }
}
