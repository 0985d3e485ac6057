import LocalFiles
import Netfilter

/// A set's element file: one address or prefix per line, blank lines and `#` comments
/// skipped, 100,000+ lines. Parsed straight from its bytes into packed ranges; errors name
/// the file's line.
struct ElementFile {
    /// The file as the config names it, for errors.
    let name: String
    let version: IPPrefix.Version
    /// The config key that names the file (`sets.blocklist.file`).
    let keyPath: String

    /// The merged ranges of every line of the file at `path`, read in chunks (the file is not
    /// held in memory whole); `readError` words a failure to read it.
    /// - Throws: `RouterError` at the first line that is not an address or prefix of `version`.
    func ranges(reading path: String, readError: (FileError) -> RouterError) throws(RouterError) -> AddressRanges {
        switch version {
        case .ipv4: .ipv4(AddressRanges.merged(try parse(path, readError: readError, fast: Self.fastIPv4)))
        case .ipv6: .ipv6(AddressRanges.merged(try parse(path, readError: readError, fast: { _ in nil })))
        }
    }

    /// Parses every line, with `fast` first (the byte parser for IPv4) and the general parser
    /// for what it leaves (`nil`).
    private func parse<Key: IntervalKey>(_ path: String, readError: (FileError) -> RouterError,
                                         fast: (UnsafeBufferPointer<UInt8>) -> ClosedRange<Key>?) throws(RouterError) -> [ClosedRange<Key>] {
        var ranges: [ClosedRange<Key>] = []
        var failure: RouterError?
        var lineNumber = 0
        do throws(FileError) {
            // The shortest line, `1.2.3.4`, is 8 bytes with its newline; typical lists average 14 or more.
            try LocalFiles.readLines(path, size: { ranges.reserveCapacity($0 / 14) }) { line in
                lineNumber += 1
                var first = 0, last = line.count
                while first < last, Self.isBlank(line[first]) { first += 1 }
                while last > first, Self.isBlank(line[last - 1]) { last -= 1 }
                if first == last || line[first] == UInt8(ascii: "#") { return true }
                let text = UnsafeBufferPointer(rebasing: line[first..<last])
                if let range = fast(text) {
                    ranges.append(range)
                    return true
                }
                switch prefix(text, lineNumber: lineNumber) {
                case .success(let prefix): ranges.append(prefix.range(as: Key.self)); return true
                case .failure(let error): failure = error; return false
                }
            }
        } catch {
            throw readError(error)
        }
        if let failure { throw failure }
        return ranges
    }

    /// The general parser, with the error for a line that is not a prefix of `version`.
    private func prefix(_ line: UnsafeBufferPointer<UInt8>, lineNumber: Int) -> Result<IPPrefix, RouterError> {
        let text = String(decoding: line, as: UTF8.self)
        do throws(PrefixError) {
            let prefix = try IPPrefix(parsing: text)
            guard prefix.version == version else {
                return .failure(RouterError(file: name, line: lineNumber, subject: keyPath, message: "'\(text)' is not \(version.rawValue)"))
            }
            return .success(prefix)
        } catch {
            return .failure(RouterError(file: name, line: lineNumber, subject: keyPath, message: error.message))
        }
    }

    private static func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D }

    /// `a.b.c.d` or `a.b.c.d/len` with host bits clear, straight from bytes; `nil` for anything
    /// else (IPv6, or a mistake the general parser then explains).
    static func fastIPv4(_ line: UnsafeBufferPointer<UInt8>) -> ClosedRange<UInt32>? {
        var address: UInt32 = 0, value: UInt32 = 0, digits = 0, dots = 0, length: UInt32? = nil
        for byte in line {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                // `010` is not an octet here (inet_pton refuses it too: octal or a typo).
                if digits == 1 && value == 0 { return nil }
                value = value * 10 + UInt32(byte - UInt8(ascii: "0"))
                digits += 1
                if digits > 3 || value > 255 { return nil }
            case UInt8(ascii: "."):
                guard digits > 0, dots < 3, length == nil else { return nil }
                address = address << 8 | value
                dots += 1; value = 0; digits = 0
            case UInt8(ascii: "/"):
                guard digits > 0, dots == 3, length == nil else { return nil }
                address = address << 8 | value
                length = 0; value = 0; digits = 0
            default:
                return nil
            }
        }
        guard digits > 0, dots == 3 else { return nil }
        if length == nil { return (address << 8 | value)...(address << 8 | value) }
        guard value <= 32 else { return nil }
        let hostMask: UInt32 = value == 0 ? .max : (1 << (32 - value)) &- 1
        guard address & hostMask == 0 else { return nil }
        return address...(address | hostMask)
    }
}
