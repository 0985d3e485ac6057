import CLibnftnl

extension Expression {
    /// Loads bytes of a packet header (an address, a port, TCP flags) into a register.
    public struct Payload: Sendable, Hashable, CustomStringConvertible, ExpressionEncoding {
        /// Which header `offset` counts from.
        public enum Base: String, Sendable, Hashable {
            case link, network, transport

            var number: UInt32 {
                switch self {
                case .link: NFT_PAYLOAD_LL_HEADER.rawValue
                case .network: NFT_PAYLOAD_NETWORK_HEADER.rawValue
                case .transport: NFT_PAYLOAD_TRANSPORT_HEADER.rawValue
                }
            }
        }

        public var base: Base
        public var offset: UInt32
        public var length: UInt32
        public var register: Register

        public init(_ base: Base, offset: UInt32, length: UInt32, into register: Register = .one) {
            self.base = base
            self.offset = offset
            self.length = length
            self.register = register
        }

        static let kind = "payload"
        public var description: String { "payload \(base.rawValue) @\(offset),\(length) => \(register)" }

        func encode(into expression: OpaquePointer) {
            ExpressionAttribute.u32(expression, NFTNL_EXPR_PAYLOAD_DREG, register.rawValue)
            ExpressionAttribute.u32(expression, NFTNL_EXPR_PAYLOAD_BASE, base.number)
            ExpressionAttribute.u32(expression, NFTNL_EXPR_PAYLOAD_OFFSET, offset)
            ExpressionAttribute.u32(expression, NFTNL_EXPR_PAYLOAD_LEN, length)
        }
    }
}
