import TOML

/// A TCP/UDP port or inclusive range of ports: `8080`, `"8000-8010"`.
public struct PortRange: Sendable, Hashable, CustomStringConvertible {
    public var first: UInt16
    public var last: UInt16

    public init(_ first: UInt16, _ last: UInt16? = nil) {
        self.first = first
        self.last = last ?? first
    }

    public var isSingle: Bool { first == last }
    public var description: String { isSingle ? "\(first)" : "\(first)-\(last)" }

    /// Parses an integer or `"A-B"`; the message says what is wrong.
    static func parse(_ value: TOMLValue) -> Result<PortRange, ConfigProblem> {
        switch value {
        case .integer(let number): return port(number).map { PortRange($0) }
        case .string(let text):
            let parts = text.split(separator: "-", omittingEmptySubsequences: false)
            guard parts.count <= 2, let low = Int64(parts[0]), let high = Int64(parts.last!) else {
                return .failure(ConfigProblem("'\(text)' is not a port or a range like \"8000-8010\""))
            }
            return port(low).flatMap { first in
                port(high).flatMap { last in
                    first <= last ? .success(PortRange(first, last))
                        : .failure(ConfigProblem("range '\(text)' ends before it starts"))
                }
            }
        default:
            return .failure(ConfigProblem("expected a port number or a range string"))
        }
    }

    private static func port(_ number: Int64) -> Result<UInt16, ConfigProblem> {
        guard (1...65535).contains(number) else { return .failure(ConfigProblem("port \(number) is out of range (1-65535)")) }
        return .success(UInt16(number))
    }
}
