import CLibnftnl

extension Expression {
    /// Compares a register with constant bytes; the rule stops here when the comparison fails.
    public struct Compare: Sendable, Hashable, CustomStringConvertible, ExpressionEncoding {
        public enum Operator: String, Sendable, Hashable {
            case equal = "==", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="

            var number: UInt32 {
                switch self {
                case .equal: NFT_CMP_EQ.rawValue
                case .notEqual: NFT_CMP_NEQ.rawValue
                case .less: NFT_CMP_LT.rawValue
                case .lessOrEqual: NFT_CMP_LTE.rawValue
                case .greater: NFT_CMP_GT.rawValue
                case .greaterOrEqual: NFT_CMP_GTE.rawValue
                }
            }
        }

        public var register: Register
        public var op: Operator
        /// The constant, in network byte order where the packet field is.
        public var data: [UInt8]

        public init(_ register: Register = .one, _ op: Operator = .equal, _ data: [UInt8]) {
            self.register = register
            self.op = op
            self.data = data
        }

        static let kind = "cmp"
        public var description: String { "cmp \(register) \(op.rawValue) 0x\(data.hex)" }

        func encode(into expression: OpaquePointer) {
            ExpressionAttribute.u32(expression, NFTNL_EXPR_CMP_SREG, register.rawValue)
            ExpressionAttribute.u32(expression, NFTNL_EXPR_CMP_OP, op.number)
            ExpressionAttribute.bytes(expression, NFTNL_EXPR_CMP_DATA, data)
        }
    }
}
