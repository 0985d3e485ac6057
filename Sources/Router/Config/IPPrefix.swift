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

    public var description: String {
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        address.withUnsafeBytes { _ = inet_ntop(version == .ipv4 ? AF_INET : AF_INET6, $0.baseAddress, &buffer, socklen_t(buffer.count)) }
        let text = buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
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
