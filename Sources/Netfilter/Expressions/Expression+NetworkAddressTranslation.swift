import CLibnftnl

extension Expression {
    /// Source or destination NAT to the address (and port) loaded in registers beforehand.
    public struct NetworkAddressTranslation: Sendable, Hashable, CustomStringConvertible, ExpressionEncoding {
        public enum Kind: String, Sendable, Hashable {
            case snat, dnat
        }

        public enum AddressFamily: String, Sendable, Hashable {
            case ipv4 = "ip", ipv6 = "ip6"
        }

        public var kind: Kind
        public var family: AddressFamily
        public var addressRegister: Register
        public var portRegister: Register?

        public init(_ kind: Kind, family: AddressFamily, address: Register, port: Register? = nil) {
            self.kind = kind
            self.family = family
            self.addressRegister = address
            self.portRegister = port
        }

        static let kind = "nat"
        public var description: String {
            "\(kind.rawValue) \(family.rawValue) addr \(addressRegister)" + (portRegister.map { " port \($0)" } ?? "")
        }

        func encode(into expression: OpaquePointer) {
            let type = kind == .snat ? NFT_NAT_SNAT : NFT_NAT_DNAT
            ExpressionAttribute.u32(expression, NFTNL_EXPR_NAT_TYPE, type.rawValue)
            ExpressionAttribute.u32(expression, NFTNL_EXPR_NAT_FAMILY, UInt32(family == .ipv4 ? NFPROTO_IPV4 : NFPROTO_IPV6))
            ExpressionAttribute.u32(expression, NFTNL_EXPR_NAT_REG_ADDR_MIN, addressRegister.rawValue)
            if let portRegister {
                ExpressionAttribute.u32(expression, NFTNL_EXPR_NAT_REG_PROTO_MIN, portRegister.rawValue)
                // Without this flag the kernel ignores the port registers.
                ExpressionAttribute.u32(expression, NFTNL_EXPR_NAT_FLAGS, UInt32(NF_NAT_RANGE_PROTO_SPECIFIED))
            }
        }
    }
}
