/// One step of a rule: load something into a register, compare it, or act on the packet.
///
/// Each kind lives in its own file (`Expression+Meta.swift`, ...) with its libnftnl encoding;
/// this enum only names them, so a rule is a plain value that can be compared and hashed.
public enum Expression: Sendable, Hashable, CustomStringConvertible {
    case meta(Meta)
    case payload(Payload)
    case compare(Compare)
    case bitwise(Bitwise)
    case conntrack(Conntrack)
    case verdict(Verdict)
    case immediate(Immediate)
    case lookup(Lookup)
    case counter(Counter)
    case limit(Limit)
    case log(Log)
    case nat(NetworkAddressTranslation)
    case masquerade(Masquerade)
    case reject(Reject)
    case flowOffload(FlowOffload)

    /// A stable, `nft`-like rendering; rule identities are hashed from it, so it must never
    /// depend on anything but the expression's fields.
    public var description: String {
        switch self {
        case .meta(let e): e.description
        case .payload(let e): e.description
        case .compare(let e): e.description
        case .bitwise(let e): e.description
        case .conntrack(let e): e.description
        case .verdict(let e): e.description
        case .immediate(let e): e.description
        case .lookup(let e): e.description
        case .counter(let e): e.description
        case .limit(let e): e.description
        case .log(let e): e.description
        case .nat(let e): e.description
        case .masquerade(let e): e.description
        case .reject(let e): e.description
        case .flowOffload(let e): e.description
        }
    }
}
