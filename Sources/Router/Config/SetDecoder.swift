import Foundation

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

    /// One prefix per line; blank lines and `#` comments are skipped. Errors name the element file's line.
    private func elements(path: String, version: IPPrefix.Version, reader: ConfigReader) throws(RouterError) -> [IPPrefix] {
        let resolved = path.hasPrefix("/") ? path : "\(directory)/\(path)"
        guard let data = FileManager.default.contents(atPath: resolved) else {
            throw reader.error("file", "cannot read element file '\(resolved)'")
        }
        var result: [IPPrefix] = []
        result.reserveCapacity(data.count / 14)
        var lineNumber = 0
        for line in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            lineNumber += 1
            let trimmed = line.drop { $0 == 0x20 || $0 == 0x09 }.reversed().drop { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }.reversed()
            if trimmed.isEmpty || trimmed.first == UInt8(ascii: "#") { continue }
            if version == .ipv4, let prefix = IPPrefix.fastIPv4(trimmed) {
                result.append(prefix)
                continue
            }
            let text = String(decoding: trimmed, as: UTF8.self)
            let prefix: IPPrefix
            do throws(PrefixError) { prefix = try IPPrefix(parsing: text) } catch {
                throw RouterError(file: path, line: lineNumber, subject: reader.keyPath("file"), message: error.message)
            }
            guard prefix.version == version else {
                throw RouterError(file: path, line: lineNumber, subject: reader.keyPath("file"),
                                  message: "'\(text)' is not \(version.rawValue)")
            }
            result.append(prefix)
        }
        return result
    }
}
