import CLibnftnl

extension Expression {
    /// `register = (register & mask) ^ xor`: masks an address to its prefix, or picks TCP flags.
    public struct Bitwise: Sendable, Hashable, CustomStringConvertible, ExpressionEncoding {
        public var register: Register
        public var mask: [UInt8]
        public var xor: [UInt8]

        /// A mask with a zero `xor` of the same length.
        public init(_ register: Register = .one, mask: [UInt8]) {
            self.register = register
            self.mask = mask
            self.xor = [UInt8](repeating: 0, count: mask.count)
        }

        static let kind = "bitwise"
        public var description: String { "bitwise \(register) & 0x\(mask.hex) ^ 0x\(xor.hex)" }

        func encode(into expression: OpaquePointer) {
            ExpressionAttribute.u32(expression, NFTNL_EXPR_BITWISE_SREG, register.rawValue)
            ExpressionAttribute.u32(expression, NFTNL_EXPR_BITWISE_DREG, register.rawValue)
            ExpressionAttribute.u32(expression, NFTNL_EXPR_BITWISE_LEN, UInt32(mask.count))
            ExpressionAttribute.bytes(expression, NFTNL_EXPR_BITWISE_MASK, mask)
            ExpressionAttribute.bytes(expression, NFTNL_EXPR_BITWISE_XOR, xor)
        }
    }
}
