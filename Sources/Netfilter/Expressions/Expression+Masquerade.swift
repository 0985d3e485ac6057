import CLibnftnl

extension Expression {
    /// Source NAT to the address of the outgoing interface, whatever it is at the time.
    public struct Masquerade: Sendable, Hashable, CustomStringConvertible, ExpressionEncoding {
        public init() {}

        static let kind = "masq"
        public var description: String { "masquerade" }

        func encode(into expression: OpaquePointer) {}
    }
}
