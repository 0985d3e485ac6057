/// One of the registers expressions pass data through (`NFT_REG_1` ... `NFT_REG_4`, 16 bytes each).
public enum Register: UInt32, Sendable, Hashable, CustomStringConvertible {
    case one = 1, two, three, four

    public var description: String { "reg \(rawValue)" }
}
