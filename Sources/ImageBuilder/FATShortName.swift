/// An 8.3 name as a directory entry stores it: 11 upper-case bytes, space-padded, plus the case flags
/// Windows NT and Linux use to show all-lower-case names such as `config.txt` without a long-name entry.
struct FATShortName: Sendable, Hashable {
    /// Base in bytes 0–7, extension in 8–10.
    var bytes: [UInt8]
    /// Byte 12 of the entry: 0x08 the base is lower-case, 0x10 the extension is.
    var caseFlags: UInt8

    static let lowerCaseBase: UInt8 = 0x08
    static let lowerCaseExtension: UInt8 = 0x10

    /// Characters besides letters and digits that 8.3 names allow (fatgen103).
    private static let punctuation = Set("$%'-_@~`!(){}^#&".utf8)

    private static func isShortCharacter(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || punctuation.contains(byte)
    }

    /// The name itself when it is a valid 8.3 name whose base and extension are each all one case,
    /// so no long-name entry is needed to show it exactly; nil otherwise.
    static func exact(_ name: String) -> FATShortName? {
        guard let (base, ext) = split(name) else { return nil }
        var flags: UInt8 = 0
        for (part, flag) in [(base, lowerCaseBase), (ext, lowerCaseExtension)] {
            let hasLower = part.contains { (0x61...0x7A).contains($0) }
            let hasUpper = part.contains { (0x41...0x5A).contains($0) }
            if hasLower && hasUpper { return nil }
            if hasLower { flags |= flag }
        }
        let upper = (base + ext).map(uppercased)
        guard upper.allSatisfy(isShortCharacter) else { return nil }
        return FATShortName(bytes: pad(base.map(uppercased), to: 8) + pad(ext.map(uppercased), to: 3),
                            caseFlags: flags)
    }

    /// The short name a long name gets: its upper-cased form if that is a valid 8.3 name not yet `taken`,
    /// else the first free `BASE~N.EXT`, as Windows and Linux make them.
    static func generated(for name: String, taken: Set<[UInt8]>) -> FATShortName {
        if let plain = exact(name.uppercased()), !taken.contains(plain.bytes) {
            return FATShortName(bytes: plain.bytes, caseFlags: 0)
        }
        let stripped = Array(name.utf8.filter { $0 != 0x20 }.drop { $0 == 0x2E })
        let lastDot = stripped.lastIndex(of: 0x2E)
        let base = lossy(lastDot.map { stripped[..<$0] } ?? stripped[...]).filter { $0 != 0x2E }
        let ext = lossy(lastDot.map { stripped[($0 + 1)...] } ?? [])
        let paddedExtension = pad(Array(ext.prefix(3)), to: 3)
        var number = 1
        while true {
            let tail = Array("~\(number)".utf8)
            let head = Array((base.isEmpty ? [0x5F] : base).prefix(8 - tail.count))
            let candidate = pad(head + tail, to: 8) + paddedExtension
            if !taken.contains(candidate) { return FATShortName(bytes: candidate, caseFlags: 0) }
            number += 1
        }
    }

    /// Base and extension split at the only dot, if they have 8.3 lengths.
    private static func split(_ name: String) -> ([UInt8], [UInt8])? {
        let parts = name.utf8.split(separator: 0x2E, omittingEmptySubsequences: false)
        guard parts.count <= 2, let base = parts.first, (1...8).contains(base.count) else { return nil }
        let ext = parts.count == 2 ? Array(parts[1]) : []
        guard ext.count <= 3, parts.count == 1 || !ext.isEmpty else { return nil }
        return (Array(base), ext)
    }

    /// Upper-cases ASCII and replaces every byte 8.3 does not allow with `_`; a multi-byte UTF-8
    /// character becomes one `_`.
    private static func lossy<S: Sequence<UInt8>>(_ bytes: S) -> [UInt8] {
        var result: [UInt8] = []
        for byte in bytes where byte & 0xC0 != 0x80 {
            let upper = uppercased(byte)
            result.append(isShortCharacter(upper) || upper == 0x2E ? upper : 0x5F)
        }
        return result
    }

    private static func uppercased(_ byte: UInt8) -> UInt8 { (0x61...0x7A).contains(byte) ? byte - 0x20 : byte }

    private static func pad(_ bytes: [UInt8], to count: Int) -> [UInt8] {
        bytes + [UInt8](repeating: 0x20, count: count - bytes.count)
    }

    /// The checksum long-name entries carry so a reader can tell they still belong to this short name.
    var checksum: UInt8 {
        bytes.reduce(0 as UInt8) { sum, byte in ((sum & 1) << 7) &+ (sum >> 1) &+ byte }
    }

    /// The name as shown: upper-case, or lower-case where the case flags say so.
    var displayName: String {
        func text(_ part: ArraySlice<UInt8>, lower: Bool) -> String {
            let trimmed = part.reversed().drop { $0 == 0x20 }.reversed()
            let mapped = trimmed.map { lower && (0x41...0x5A).contains($0) ? $0 + 0x20 : $0 }
            // 0x05 stands for a leading 0xE5, which would otherwise mark the entry deleted.
            return String(decoding: mapped.enumerated().map { $0 == 0 && $1 == 0x05 ? 0xE5 : $1 }, as: UTF8.self)
        }
        let base = text(bytes[0..<8], lower: caseFlags & Self.lowerCaseBase != 0)
        let ext = text(bytes[8..<11], lower: caseFlags & Self.lowerCaseExtension != 0)
        return ext.isEmpty ? base : "\(base).\(ext)"
    }
}
