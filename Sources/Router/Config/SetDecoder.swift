import FoundationEssentials

/// Decodes one `[sets.NAME]` table, reading its element file when it names one.
struct SetDecoder {
    let file: String
    let directory: String

    func decode(_ name: String, _ reader: ConfigReader) throws(RouterError) -> AddressSet {
        try reader.rejectUnknownKeys(["type", "elements", "file"])
        try ConfigDecoder.checkName(name, reader: reader)
        guard let type = try reader.string("type", required: true), let version = IPPrefix.Version(rawValue: type) else {
            throw reader.error("type", "unknown set type (expected 'ipv4' or 'ipv6')")
        }
        var prefixes: [IPPrefix] = []
        for (index, text) in (try reader.strings("elements") ?? []).enumerated() {
            let prefix = try reader.located("elements", ConfigDecoder.prefix(text))
            guard prefix.version == version else {
                throw reader.error("elements", "element \(index + 1) '\(text)' is not \(version.rawValue)")
            }
            prefixes.append(prefix)
        }
        if let path = try reader.string("file") {
            prefixes += try elements(path: path, version: version, reader: reader)
        }
        return AddressSet(name: name, version: version, prefixes: prefixes, line: reader.line)
    }

    private static func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D }

    /// One prefix per line; blank lines and `#` comments are skipped. Errors name the element file's line.
    private func elements(path: String, version: IPPrefix.Version, reader: ConfigReader) throws(RouterError) -> [IPPrefix] {
        let resolved = path.hasPrefix("/") ? path : "\(directory)/\(path)"
        guard let data = FileManager.default.contents(atPath: resolved) else {
            throw reader.error("file", "cannot read element file '\(resolved)'")
        }
        var result: [IPPrefix] = []
        result.reserveCapacity(data.count / 14)
        var failure: RouterError?
        data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
            var lineNumber = 0, lineStart = 0
            // Scans the raw bytes: slicing `Data` per line costs more than parsing the prefixes.
            while lineStart <= bytes.count, failure == nil {
                lineNumber += 1
                var lineEnd = lineStart
                while lineEnd < bytes.count, bytes[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
                defer { lineStart = lineEnd + 1 }
                var first = lineStart, last = lineEnd
                while first < last, Self.isBlank(bytes[first]) { first += 1 }
                while last > first, Self.isBlank(bytes[last - 1]) { last -= 1 }
                if first == last || bytes[first] == UInt8(ascii: "#") { continue }
                let line = bytes[first..<last]
                if version == .ipv4, let prefix = IPPrefix.fastIPv4(line) {
                    result.append(prefix)
                    continue
                }
                let text = String(decoding: line, as: UTF8.self)
                do throws(PrefixError) {
                    let prefix = try IPPrefix(parsing: text)
                    guard prefix.version == version else {
                        failure = RouterError(file: path, line: lineNumber, subject: reader.keyPath("file"),
                                              message: "'\(text)' is not \(version.rawValue)")
                        break
                    }
                    result.append(prefix)
                } catch {
                    failure = RouterError(file: path, line: lineNumber, subject: reader.keyPath("file"), message: error.message)
                }
            }
        }
        if let failure { throw failure }
        return result
    }
}
