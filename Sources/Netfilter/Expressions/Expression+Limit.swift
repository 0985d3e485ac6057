import CLibnftnl

extension Expression {
    /// A token-bucket packet rate: matches while under `rate` per `unit` (or, inverted, once over it).
    public struct Limit: Sendable, Hashable, CustomStringConvertible, ExpressionEncoding {
        public enum Unit: UInt64, Sendable, Hashable, CaseIterable, Codable {
            case second = 1, minute = 60, hour = 3600, day = 86400

            public var name: String {
                switch self {
                case .second: "second"
                case .minute: "minute"
                case .hour: "hour"
                case .day: "day"
                }
            }
        }

        public var rate: UInt64
        public var unit: Unit
        public var burst: UInt32
        /// `limit rate over`: matches the excess instead of what is under the rate.
        public var over: Bool

        public init(rate: UInt64, per unit: Unit, burst: UInt32 = 5, over: Bool = false) {
            self.rate = rate
            self.unit = unit
            self.burst = burst
            self.over = over
        }

        static let kind = "limit"
        public var description: String {
            "limit rate \(over ? "over " : "")\(rate)/\(unit.name) burst \(burst) packets"
        }

        func encode(into expression: OpaquePointer) {
            ExpressionAttribute.u64(expression, NFTNL_EXPR_LIMIT_RATE, rate)
            ExpressionAttribute.u64(expression, NFTNL_EXPR_LIMIT_UNIT, unit.rawValue)
            ExpressionAttribute.u32(expression, NFTNL_EXPR_LIMIT_BURST, burst)
            ExpressionAttribute.u32(expression, NFTNL_EXPR_LIMIT_TYPE, NFT_LIMIT_PKTS.rawValue)
            ExpressionAttribute.u32(expression, NFTNL_EXPR_LIMIT_FLAGS, over ? NFT_LIMIT_F_INV.rawValue : 0)
        }
    }
}
