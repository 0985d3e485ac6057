import CLibnftnl

extension Expression {
    /// Drops the packet and tells the sender: ICMP(v6) port unreachable, or a TCP reset.
    public enum Reject: Sendable, Hashable, CustomStringConvertible, ExpressionEncoding {
        /// `reject with icmpx type port-unreachable`: right for both IPv4 and IPv6 in `inet` tables.
        case portUnreachable
        /// `reject with tcp reset`: only valid after a TCP match.
        case tcpReset

        static let kind = "reject"
        public var description: String {
            switch self {
            case .portUnreachable: "reject with icmpx port-unreachable"
            case .tcpReset: "reject with tcp reset"
            }
        }

        func encode(into expression: OpaquePointer) {
            switch self {
            case .portUnreachable:
                ExpressionAttribute.u32(expression, NFTNL_EXPR_REJECT_TYPE, NFT_REJECT_ICMPX_UNREACH.rawValue)
                ExpressionAttribute.u8(expression, NFTNL_EXPR_REJECT_CODE, UInt8(NFT_REJECT_ICMPX_PORT_UNREACH.rawValue))
            case .tcpReset:
                ExpressionAttribute.u32(expression, NFTNL_EXPR_REJECT_TYPE, NFT_REJECT_TCP_RST.rawValue)
            }
        }
    }
}
