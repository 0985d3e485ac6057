extension EnvironmentConfiguration {
    /// Parses libubootenv's `fw_env.config`: `device offset size [sector-size [sector-count]]` on one or two
    /// lines, `#` comments and blank lines ignored.
    ///
    /// Numbers follow libubootenv's `sscanf`: the offset is C-style (`0x` hex, leading `0` octal, else decimal),
    /// but sizes are always hex, `0x` or not — `32768` there means 0x32768, as `fw_printenv` reads it.
    /// - Throws: `EnvironmentError.invalidConfiguration` naming `file` and the line.
    public init(parsingFirmwareConfig text: String, file: String = "fw_env.config") throws {
        var copies: [EnvironmentCopyLocation] = []
        var lines: [Int] = []
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.prefix { $0 != "#" }
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" }).map(String.init)
            if fields.isEmpty { continue }
            guard copies.count < 2 else {
                throw EnvironmentError.invalidConfiguration(
                    file: file, line: index + 1, reason: "more than two copies; U-Boot keeps at most two")
            }
            copies.append(try Self.copy(fields) { .invalidConfiguration(file: file, line: index + 1, reason: $0) })
            lines.append(index + 1)
        }
        guard let primary = copies.first else {
            throw EnvironmentError.invalidConfiguration(file: file, line: 1, reason: "no copy is configured")
        }
        do {
            try self.init(primary, redundant: copies.count == 2 ? copies[1] : nil)
        } catch EnvironmentError.invalidConfiguration(_, let line, let reason) {
            // Point at the real line of the file rather than the copy's index.
            throw EnvironmentError.invalidConfiguration(file: file, line: lines[line - 1], reason: reason)
        }
    }

    /// One line's copy from its fields; `invalid` wraps a reason in an error naming the line.
    private static func copy(_ fields: [String], invalid: (String) -> EnvironmentError) throws
        -> EnvironmentCopyLocation {
        guard (3...5).contains(fields.count) else {
            throw invalid("expected 'device offset size [sector-size [sector-count]]', found \(fields.count) fields")
        }
        guard let offset = offset(fields[1]) else { throw invalid("offset \"\(fields[1])\" is not a number") }
        guard let size = hexadecimal(fields[2]).flatMap({ Int(exactly: $0) }) else {
            throw invalid("size \"\(fields[2])\" is not a number")
        }
        var sectorSize: Int?
        if fields.count > 3 {
            guard let sector = hexadecimal(fields[3]).flatMap({ Int(exactly: $0) }) else {
                throw invalid("sector size \"\(fields[3])\" is not a number")
            }
            sectorSize = sector
        }
        if fields.count > 4, hexadecimal(fields[4]) == nil {
            throw invalid("sector count \"\(fields[4])\" is not a number")
        }
        return EnvironmentCopyLocation(device: fields[0], offset: offset, size: size, sectorSize: sectorSize)
    }

    /// `strtoull(text, NULL, 0)` without its leniency: `0x` hex, leading-`0` octal, else decimal.
    private static func offset(_ text: String) -> UInt64? {
        if text.hasPrefix("0x") || text.hasPrefix("0X") { return UInt64(text.dropFirst(2), radix: 16) }
        if text.hasPrefix("0"), text.count > 1 { return UInt64(text.dropFirst(), radix: 8) }
        return UInt64(text)
    }

    /// `%lx`: hex with or without `0x`.
    private static func hexadecimal(_ text: String) -> UInt64? {
        UInt64(text.hasPrefix("0x") || text.hasPrefix("0X") ? text.dropFirst(2) : Substring(text), radix: 16)
    }
}

extension EnvironmentConfiguration {
    /// Reads and parses the `fw_env.config` at `path` (`/etc/fw_env.config` on a device).
    /// - Throws: `EnvironmentError.io` when it cannot be read, `.invalidConfiguration` naming the line.
    public init(firmwareConfigAt path: String) throws {
        let bytes = try FileEnvironmentDevice(path: path, writable: false).readToEnd()
        try self.init(parsingFirmwareConfig: String(decoding: bytes, as: UTF8.self), file: path)
    }
}
