import Glibc

/// An IPv4 or IPv6 address with a prefix length: `198.18.0.0/15`, `2001:db8::/32`, or one address.
public struct IPPrefix: Sendable, Hashable, CustomStringConvertible {
    public enum Version: String, Sendable, Hashable {
        case ipv4, ipv6
        public var bitCount: Int { self == .ipv4 ? 32 : 128 }
    }

    public var version: Version
    /// The network address in network byte order (4 or 16 bytes), host bits zero.
    public var address: [UInt8]
    public var length: Int

    /// Parses `ADDRESS` or `ADDRESS/LENGTH`.
    /// - Throws: a message (without location) when the text is not a valid prefix or has host bits set.
    public init(parsing text: some StringProtocol) throws(PrefixError) {
        let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard let address = Self.address(String(parts[0])) else { throw PrefixError("'\(text)' is not an IP address or prefix") }
        version = address.count == 4 ? .ipv4 : .ipv6
        self.address = address
        length = version.bitCount
        if parts.count == 2 {
            guard let value = Int(parts[1]), (0...version.bitCount).contains(value) else {
                throw PrefixError("'\(text)': prefix length must be 0 to \(version.bitCount)")
            }
            length = value
        }
        if masked() != address { throw PrefixError("'\(text)' has host bits set (did you mean \(IPPrefix(version: version, address: masked(), length: length))?)") }
    }

    /// Parses `a.b.c.d` or `a.b.c.d/len` straight from bytes, for element files of 100,000+
    /// lines; `nil` for anything else (IPv6, or a mistake the text parser then explains).
    static func fastIPv4<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> IPPrefix? {
        var octets: [UInt8] = [], value = 0, digits = 0, length: Int? = nil
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
                digits += 1
                if digits > 3 || value > 255 { return nil }
            case UInt8(ascii: "."), UInt8(ascii: "/"):
                guard digits > 0, octets.count < 4, length == nil, (byte == UInt8(ascii: "/")) == (octets.count == 3) else { return nil }
                octets.append(UInt8(value))
                if byte == UInt8(ascii: "/") { length = -1 }
                value = 0
                digits = 0
            default:
                return nil
            }
        }
        guard digits > 0 else { return nil }
        if length == nil {
            guard octets.count == 3 else { return nil }
            octets.append(UInt8(value))
            length = 32
        } else {
            guard value <= 32 else { return nil }
            length = value
        }
        let prefix = IPPrefix(version: .ipv4, address: octets, length: length!)
        return prefix.masked() == octets ? prefix : nil
    }

    init(version: Version, address: [UInt8], length: Int) {
        self.version = version
        self.address = address
        self.length = length
    }

    /// The network mask as bytes.
    public var mask: [UInt8] {
        (0..<address.count).map { index in
            let bits = max(0, min(8, length - index * 8))
            return bits == 0 ? 0 : UInt8(truncatingIfNeeded: 0xFF << (8 - bits))
        }
    }

    private func masked() -> [UInt8] { zip(address, mask).map { $0 & $1 } }

    /// The first address after the prefix, or `nil` when the prefix reaches the top of the space.
    public var end: [UInt8]? {
        var bytes = address
        // Add 2^(bits - length): a carry that starts at bit (bits - length) from the right.
        let bitFromRight = version.bitCount - length
        guard bitFromRight < version.bitCount else { return nil }
        var index = bytes.count - 1 - bitFromRight / 8
        var carry = UInt16(1) << UInt16(bitFromRight % 8)
        while index >= 0, carry > 0 {
            let sum = UInt16(bytes[index]) + carry
            bytes[index] = UInt8(sum & 0xFF)
            carry = sum >> 8
            index -= 1
        }
        return carry > 0 ? nil : bytes
    }

    public var description: String {
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        address.withUnsafeBytes { _ = inet_ntop(version == .ipv4 ? AF_INET : AF_INET6, $0.baseAddress, &buffer, socklen_t(buffer.count)) }
        let text = String(cString: buffer)
        return length == version.bitCount ? text : "\(text)/\(length)"
    }

    /// Parses a bare address with `inet_pton`; `nil` when it is neither IPv4 nor IPv6.
    static func address(_ text: String) -> [UInt8]? {
        var bytes = [UInt8](repeating: 0, count: 16)
        if text.utf8.contains(UInt8(ascii: ":")) {
            return inet_pton(AF_INET6, text, &bytes) == 1 ? bytes : nil
        }
        return inet_pton(AF_INET, text, &bytes) == 1 ? Array(bytes.prefix(4)) : nil
    }
}

/// Why a prefix did not parse; the reader adds the location.
public struct PrefixError: Error {
    var message: String
    init(_ message: String) { self.message = message }
}
