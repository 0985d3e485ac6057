import Netfilter

/// The addresses of one set as sorted, disjoint, non-adjacent ranges: what an interval set
/// holds, packed (8 bytes per IPv4 range), so 100,000 prefixes cost under 1 MB.
public enum AddressRanges: Sendable, Hashable, CustomStringConvertible {
    case ipv4([ClosedRange<UInt32>])
    case ipv6([ClosedRange<UInt128>])

    /// No addresses of `version`.
    public static func empty(_ version: IPPrefix.Version) -> AddressRanges {
        version == .ipv4 ? .ipv4([]) : .ipv6([])
    }

    public var version: IPPrefix.Version {
        if case .ipv4 = self { return .ipv4 }
        return .ipv6
    }

    /// How many ranges (not addresses).
    public var count: Int {
        switch self {
        case .ipv4(let ranges): ranges.count
        case .ipv6(let ranges): ranges.count
        }
    }

    public var description: String {
        switch self {
        case .ipv4(let ranges): ranges.map { Self.text($0, version: .ipv4) }.joined(separator: ", ")
        case .ipv6(let ranges): ranges.map { Self.text($0, version: .ipv6) }.joined(separator: ", ")
        }
    }

    private static func text<Key: IntervalKey>(_ range: ClosedRange<Key>, version: IPPrefix.Version) -> String {
        let first = IPPrefix(version: version, key: range.lowerBound).description
        return range.lowerBound == range.upperBound ? first : "\(first)-\(IPPrefix(version: version, key: range.upperBound).description)"
    }

    /// Sorts ranges and merges the overlapping and the adjacent: the kernel refuses overlapping
    /// intervals, and reports adjacent ones merged.
    /// Done in place: 100,000 ranges are sorted and compacted in their own buffer, not copied twice.
    static func merged<Key: IntervalKey>(_ ranges: consuming [ClosedRange<Key>]) -> [ClosedRange<Key>] {
        var ranges = ranges
        let inOrder: (ClosedRange<Key>, ClosedRange<Key>) -> Bool = {
            $0.lowerBound != $1.lowerBound ? $0.lowerBound < $1.lowerBound : $0.upperBound < $1.upperBound
        }
        // Element files are usually sorted already; sorting then only costs a scratch buffer.
        if !zip(ranges, ranges.dropFirst()).allSatisfy({ !inOrder($1, $0) }) { ranges.sort(by: inOrder) }
        var kept = 0
        for index in ranges.indices {
            let range = ranges[index]
            if kept > 0, ranges[kept - 1].upperBound == Key.max || range.lowerBound <= ranges[kept - 1].upperBound + 1 {
                if range.upperBound > ranges[kept - 1].upperBound { ranges[kept - 1] = ranges[kept - 1].lowerBound...range.upperBound }
            } else {
                ranges[kept] = range
                kept += 1
            }
        }
        ranges.removeLast(ranges.count - kept)
        return ranges
    }

    /// The merged ranges of `prefixes`, all of `version`.
    public static func merging(_ prefixes: [IPPrefix], version: IPPrefix.Version) -> AddressRanges {
        switch version {
        case .ipv4: .ipv4(merged(prefixes.map { $0.range(as: UInt32.self) }))
        case .ipv6: .ipv6(merged(prefixes.map { $0.range(as: UInt128.self) }))
        }
    }
}

extension IPPrefix {
    /// The prefix's addresses as a range of integer keys.
    public func range<Key: IntervalKey>(as _: Key.Type) -> ClosedRange<Key> {
        var first = Key.zero
        for byte in address { first = first << 8 | Key(byte) }
        let hostBits = Key.bitWidth - length
        let last = hostBits == Key.bitWidth ? Key.max : first | ((Key(1) << hostBits) &- 1)
        return first...last
    }

    /// The single address `key`.
    init<Key: IntervalKey>(version: Version, key: Key) {
        let bytes = withUnsafeBytes(of: key.bigEndian) { Array($0) }
        self.init(version: version, address: bytes, length: version.bitCount)
    }
}

extension AddressRanges {
    /// The addresses in either; `other` must be of the same version (a set has one).
    func union(_ other: AddressRanges) -> AddressRanges {
        switch (self, other) {
        // Both are merged already: with one side empty (a set from a file alone), no copy.
        case (.ipv4(let left), .ipv4(let right)): .ipv4(right.isEmpty ? left : left.isEmpty ? right : Self.merged(left + right))
        case (.ipv6(let left), .ipv6(let right)): .ipv6(right.isEmpty ? left : left.isEmpty ? right : Self.merged(left + right))
        default: self
        }
    }

    /// Adds these ranges to `set`, or with `delete` removes them (each exactly as the set holds it).
    func append(to batch: inout Batch, set: NamedSet, delete: Bool = false) throws {
        switch self {
        case .ipv4(let ranges): delete ? try batch.delete(ranges, from: set) : try batch.add(ranges, to: set)
        case .ipv6(let ranges): delete ? try batch.delete(ranges, from: set) : try batch.add(ranges, to: set)
        }
    }
}
