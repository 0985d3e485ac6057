import CLibnftnl

extension Expression {
    /// Ends the rule with a decision: accept, drop, continue, return, or jump to a chain.
    public enum Verdict: Sendable, Hashable, CustomStringConvertible, ExpressionEncoding {
        case accept, drop, `continue`, `return`
        case jump(String)
        case goto(String)

        static let kind = "immediate"
        public var description: String {
            switch self {
            case .accept: "accept"
            case .drop: "drop"
            case .continue: "continue"
            case .return: "return"
            case .jump(let chain): "jump \(chain)"
            case .goto(let chain): "goto \(chain)"
            }
        }

        private var code: Int32 {
            switch self {
            case .accept: NF_ACCEPT
            case .drop: NF_DROP
            case .continue: NFT_CONTINUE.rawValue
            case .return: NFT_RETURN.rawValue
            case .jump: NFT_JUMP.rawValue
            case .goto: NFT_GOTO.rawValue
            }
        }

        func encode(into expression: OpaquePointer) {
            ExpressionAttribute.u32(expression, NFTNL_EXPR_IMM_DREG, UInt32(NFT_REG_VERDICT.rawValue))
            ExpressionAttribute.u32(expression, NFTNL_EXPR_IMM_VERDICT, UInt32(bitPattern: code))
            switch self {
            case .jump(let chain), .goto(let chain):
                ExpressionAttribute.string(expression, NFTNL_EXPR_IMM_CHAIN, chain)
            default:
                break
            }
        }
    }
}
