import Glibc
import LocalFiles

/// Decodes one `[sets.NAME]` table, reading its element file when it names one.
struct SetDecoder {
    let file: String
    let directory: String
    var readsElementFiles = true

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
        var ranges = AddressRanges.merging(prefixes, version: version)
        if let path = try reader.string("file"), readsElementFiles {
            let resolved = path.hasPrefix("/") ? path : "\(directory)/\(path)"
            let elementFile = ElementFile(name: path, version: version, keyPath: reader.keyPath("file"))
            let parsed = try elementFile.ranges(reading: resolved) { error in
                reader.error("file", "cannot read element file '\(resolved)': \(error.reason)")
            }
            ranges = ranges.union(parsed)
        }
        return AddressSet(name: name, version: version, ranges: ranges, line: reader.line)
    }
}
