import CLibnftnl

extension Expression {
    /// Adds the packet's connection to a flowtable (`flow add @ft`): once conntrack has seen it
    /// established in both directions, its packets take the ingress fast path and skip the
    /// forward chain. The kernel offloads TCP and UDP only and leaves other packets alone.
    public struct FlowOffload: Sendable, Hashable, CustomStringConvertible, ExpressionEncoding {
        public var flowtable: String

        public init(flowtable: String) { self.flowtable = flowtable }

        static let kind = "flow_offload"
        public var description: String { "flow add @\(flowtable)" }

        func encode(into expression: OpaquePointer) {
            ExpressionAttribute.string(expression, NFTNL_EXPR_FLOW_TABLE_NAME, flowtable)
        }
    }
}
