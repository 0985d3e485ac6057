import CLibnftnl

extension Expression {
    /// Loads constant bytes into a register, e.g. the address and port a DNAT rewrites to.
    public struct Immediate: Sendable, Hashable, CustomStringConvertible, ExpressionEncoding {
        public var register: Register
        public var data: [UInt8]

        public init(_ data: [UInt8], into register: Register) {
            self.register = register
            self.data = data
        }

        static let kind = "immediate"
        public var description: String { "immediate 0x\(data.hex) => \(register)" }

        func encode(into expression: OpaquePointer) {
            ExpressionAttribute.u32(expression, NFTNL_EXPR_IMM_DREG, register.rawValue)
            ExpressionAttribute.bytes(expression, NFTNL_EXPR_IMM_DATA, data)
        }
    }
}
