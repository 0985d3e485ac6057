import CLibnftnl

extension Expression {
    /// Counts the packets and bytes that reach it; the kernel reports the totals in rule dumps.
    public struct Counter: Sendable, Hashable, CustomStringConvertible, ExpressionEncoding {
        public init() {}

        static let kind = "counter"
        public var description: String { "counter" }

        func encode(into expression: OpaquePointer) {
            // A new counter starts at zero; the kernel ignores nothing else here.
            ExpressionAttribute.u64(expression, NFTNL_EXPR_CTR_PACKETS, 0)
            ExpressionAttribute.u64(expression, NFTNL_EXPR_CTR_BYTES, 0)
        }
    }
}
