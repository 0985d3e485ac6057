/// One stored copy of the environment: the variables and, in the redundant layout, its flags counter.
public struct EnvironmentCopy: Sendable, Equatable {
    public var environment: BootloaderEnvironment
    /// The redundant layout's counter (nil in the single layout).
    public var flags: UInt8?

    public init(environment: BootloaderEnvironment, flags: UInt8?) {
        self.environment = environment
        self.flags = flags
    }

    /// The layout this copy is stored in.
    public var layout: EnvironmentLayout { flags == nil ? .single : .redundant }

    /// The `size` bytes of this copy: CRC32 (little-endian) over the data area, the flags byte if redundant,
    /// the variables, then `padding` to the end.
    ///
    /// libubootenv's `fw_setenv` and `mkenvimage` pad with 0xFF (erased flash), so the default makes the same bytes.
    /// - Throws: `EnvironmentError.tooLarge` when the variables do not fit.
    public func serialized(size: Int, padding: UInt8 = 0xFF) throws -> [UInt8] {
        let capacity = size - layout.headerSize
        var data = environment.encoded
        guard data.count <= capacity else { throw EnvironmentError.tooLarge(needed: data.count, capacity: capacity) }
        data += repeatElement(padding, count: capacity - data.count)
        let crc = CRC32.checksum(data)
        var bytes = (0..<4).map { UInt8(truncatingIfNeeded: crc >> ($0 * 8)) }
        if let flags { bytes.append(flags) }
        return bytes + data
    }

    /// Parses one copy read from `storage` at `offset` (both only name the copy in errors).
    /// - Throws: `EnvironmentError.invalidCopy` for a short copy, a CRC mismatch, an entry without `=`,
    ///   non-UTF-8 text, or variables not ended by an empty entry.
    public init(parsing bytes: some Collection<UInt8>, layout: EnvironmentLayout,
                storage: String = "environment", offset: UInt64 = 0) throws {
        let bytes = Array(bytes)
        func defect(_ reason: EnvironmentError.CopyDefect) -> EnvironmentError {
            .invalidCopy(storage: storage, offset: offset, reason: reason)
        }
        guard bytes.count > layout.headerSize else { throw defect(.truncated(size: bytes.count)) }
        let stored = bytes[0..<4].reversed().reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        let computed = CRC32.checksum(bytes[layout.headerSize...])
        guard stored == computed else { throw defect(.checksumMismatch(stored: stored, computed: computed)) }
        environment = try Self.variables(in: bytes, from: layout.headerSize, defect: defect)
        flags = layout == .redundant ? bytes[4] : nil
    }

    /// Splits `name=value\0` entries from `start` up to the empty entry that ends them.
    private static func variables(in bytes: [UInt8], from start: Int,
                                  defect: (EnvironmentError.CopyDefect) -> EnvironmentError) throws -> BootloaderEnvironment {
        var environment = BootloaderEnvironment()
        var position = start
        while position < bytes.count {
            guard let end = bytes[position...].firstIndex(of: 0) else { break }
            if end == position { return environment }
            let entry = bytes[position..<end]
            guard let equals = entry.firstIndex(of: UInt8(ascii: "=")), equals > position else {
                throw defect(.malformedEntry(entryOffset: position, text: String(decoding: entry, as: UTF8.self)))
            }
            guard let name = String(validating: entry[..<equals], as: UTF8.self),
                  let value = String(validating: entry[(equals + 1)...], as: UTF8.self)
            else { throw defect(.notUTF8(entryOffset: position)) }
            // Split at the first '=' and NUL, so the name holds neither: no validation needed. A repeat overrides, as in U-Boot.
            environment.setValidated(name, value)
            position = end + 1
        }
        throw defect(.unterminated)
    }
}
