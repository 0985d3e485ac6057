import Netfilter

/// A half-open range of addresses `[start, end)` as an interval set stores it; `end == nil`
/// reaches the top of the address space.
public struct AddressRange: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var start: [UInt8]
    public var end: [UInt8]?

    public init(start: [UInt8], end: [UInt8]?) {
        self.start = start
        self.end = end
    }

    public init(_ prefix: IPPrefix) {
        self.init(start: prefix.address, end: prefix.end)
    }

    public static func < (lhs: AddressRange, rhs: AddressRange) -> Bool {
        lhs.start.lexicographicallyPrecedes(rhs.start)
    }

    /// The kernel's elements: the start, and an interval-end element unless the range reaches the top.
    public var elements: [SetElement] {
        [SetElement(key: start)] + (end.map { [SetElement(key: $0, isIntervalEnd: true)] } ?? [])
    }

    public var description: String {
        "\(start.map(String.init).joined(separator: "."))-\(end.map { $0.map(String.init).joined(separator: ".") } ?? "top")"
    }

    /// Sorts and merges overlapping or adjacent prefixes: the kernel refuses overlapping intervals,
    /// and merged ranges are what it would report back.
    public static func merging(_ prefixes: [IPPrefix]) -> [AddressRange] {
        var merged: [AddressRange] = []
        for range in prefixes.map(AddressRange.init).sorted() {
            guard let last = merged.last else { merged.append(range); continue }
            guard let lastEnd = last.end else { continue }  // the last range already reaches the top
            if !lastEnd.lexicographicallyPrecedes(range.start) {
                // Overlapping or touching: extend the last range if this one reaches further.
                if range.end == nil || lastEnd.lexicographicallyPrecedes(range.end!) {
                    merged[merged.count - 1].end = range.end
                }
            } else {
                merged.append(range)
            }
        }
        return merged
    }

    /// Rebuilds ranges from the elements the kernel lists, in any order.
    public static func ranges(from elements: [SetElement]) -> [AddressRange] {
        var ranges: [AddressRange] = []
        for element in elements.sorted() {
            if element.isIntervalEnd {
                if let last = ranges.last, last.end == nil { ranges[ranges.count - 1].end = element.key }
            } else {
                ranges.append(AddressRange(start: element.key, end: nil))
            }
        }
        return ranges
    }
}
