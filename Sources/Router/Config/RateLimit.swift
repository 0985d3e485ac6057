import Netfilter

/// A packet rate such as `"10/second"`, for `limit` and SYN-flood protection.
public struct RateLimit: Sendable, Hashable, CustomStringConvertible {
    public var rate: UInt64
    public var unit: Expression.Limit.Unit

    public init(rate: UInt64, per unit: Expression.Limit.Unit) {
        self.rate = rate
        self.unit = unit
    }

    public var description: String { "\(rate)/\(unit.name)" }

    /// Parses `N/second`, `N/minute`, `N/hour` or `N/day` with N at least 1.
    static func parse(_ text: String) -> Result<RateLimit, ConfigProblem> {
        let parts = text.split(separator: "/")
        guard parts.count == 2, let rate = UInt64(parts[0]), rate > 0,
              let unit = Expression.Limit.Unit.allCases.first(where: { $0.name == parts[1] })
        else {
            return .failure(ConfigProblem("'\(text)' is not a rate like \"10/second\" (units: second, minute, hour, day)"))
        }
        return .success(RateLimit(rate: rate, per: unit))
    }
}
