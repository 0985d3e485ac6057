import CLibnftnl

extension Expression {
    /// Logs the packet to the kernel log with a prefix.
    public struct Log: Sendable, Hashable, CustomStringConvertible, ExpressionEncoding {
        public var prefix: String

        public init(prefix: String) { self.prefix = prefix }

        static let kind = "log"
        public var description: String { "log prefix \"\(prefix)\"" }

        func encode(into expression: OpaquePointer) {
            ExpressionAttribute.string(expression, NFTNL_EXPR_LOG_PREFIX, prefix)
        }
    }
}
