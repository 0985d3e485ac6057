import CLibnftnl

extension Expression {
    /// Loads connection-tracking state into a register (`ct state`, `ct status`).
    public struct Conntrack: Sendable, Hashable, CustomStringConvertible, ExpressionEncoding {
        public enum Key: String, Sendable, Hashable {
            /// A 4-byte bit mask of `NF_CT_STATE_*` (invalid 1, established 2, related 4, new 8).
            case state
            /// A 4-byte bit mask of `IPS_*` (dnat is 0x20).
            case status

            var number: UInt32 {
                switch self {
                case .state: NFT_CT_STATE.rawValue
                case .status: NFT_CT_STATUS.rawValue
                }
            }
        }

        public var key: Key
        public var register: Register

        public init(_ key: Key, into register: Register = .one) {
            self.key = key
            self.register = register
        }

        static let kind = "ct"
        public var description: String { "ct \(key.rawValue) => \(register)" }

        func encode(into expression: OpaquePointer) {
            ExpressionAttribute.u32(expression, NFTNL_EXPR_CT_KEY, key.number)
            ExpressionAttribute.u32(expression, NFTNL_EXPR_CT_DREG, register.rawValue)
        }
    }
}
