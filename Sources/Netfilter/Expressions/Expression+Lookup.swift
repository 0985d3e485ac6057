import CLibnftnl

extension Expression {
    /// Matches when a register's value is (or, inverted, is not) an element of a named set.
    public struct Lookup: Sendable, Hashable, CustomStringConvertible, ExpressionEncoding {
        public var set: String
        public var register: Register
        public var inverted: Bool

        public init(set: String, register: Register = .one, inverted: Bool = false) {
            self.set = set
            self.register = register
            self.inverted = inverted
        }

        static let kind = "lookup"
        public var description: String { "lookup \(register) \(inverted ? "not in" : "in") @\(set)" }

        func encode(into expression: OpaquePointer) {
            ExpressionAttribute.u32(expression, NFTNL_EXPR_LOOKUP_SREG, register.rawValue)
            ExpressionAttribute.string(expression, NFTNL_EXPR_LOOKUP_SET, set)
            if inverted { ExpressionAttribute.u32(expression, NFTNL_EXPR_LOOKUP_FLAGS, NFT_LOOKUP_F_INV.rawValue) }
        }
    }
}
