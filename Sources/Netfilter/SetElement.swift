/// One element of a set as the kernel stores it: a key, and for interval sets whether the key
/// ends a range (exclusive) rather than starting one.
///
/// An interval set holds `10.0.0.0/8` as two elements: start `10.0.0.0` and end `11.0.0.0`.
public struct SetElement: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The key in network byte order.
    public var key: [UInt8]
    public var isIntervalEnd: Bool

    public init(key: [UInt8], isIntervalEnd: Bool = false) {
        self.key = key
        self.isIntervalEnd = isIntervalEnd
    }

    /// Keys in address order; at equal keys an end comes first, as it closes the range before.
    public static func < (lhs: SetElement, rhs: SetElement) -> Bool {
        if lhs.key != rhs.key { return lhs.key.lexicographicallyPrecedes(rhs.key) }
        return lhs.isIntervalEnd && !rhs.isIntervalEnd
    }

    public var description: String {
        (isIntervalEnd ? "end " : "") + key.map { String($0) }.joined(separator: ".")
    }
}
