import CLibnftnl

extension Expression {
    /// Loads packet metadata (interface, protocol family, layer-4 protocol) into a register.
    public struct Meta: Sendable, Hashable, CustomStringConvertible, ExpressionEncoding {
        public enum Key: String, Sendable, Hashable {
            /// Input interface index / name, output interface index / name.
            case iif, iifname, oif, oifname
            /// The layer-3 family (`NFPROTO_IPV4`, `NFPROTO_IPV6`): 1 byte.
            case nfproto
            /// The layer-4 protocol number (6 TCP, 17 UDP, 1 ICMP, 58 ICMPv6): 1 byte.
            case l4proto

            var number: UInt32 {
                switch self {
                case .iif: NFT_META_IIF.rawValue
                case .iifname: NFT_META_IIFNAME.rawValue
                case .oif: NFT_META_OIF.rawValue
                case .oifname: NFT_META_OIFNAME.rawValue
                case .nfproto: NFT_META_NFPROTO.rawValue
                case .l4proto: NFT_META_L4PROTO.rawValue
                }
            }
        }

        public var key: Key
        public var register: Register

        public init(_ key: Key, into register: Register = .one) {
            self.key = key
            self.register = register
        }

        static let kind = "meta"
        public var description: String { "meta \(key.rawValue) => \(register)" }

        func encode(into expression: OpaquePointer) {
            ExpressionAttribute.u32(expression, NFTNL_EXPR_META_KEY, key.number)
            ExpressionAttribute.u32(expression, NFTNL_EXPR_META_DREG, register.rawValue)
        }
    }
}
