/// The ranges to remove and to add between two sorted range lists, in one linear merge
/// (hashing 100,000 ranges twice costs more than the rest of a one-element change).
struct RangeDiff {
    var removed: AddressRanges
    var added: AddressRanges

    /// Compares `current` with `desired`; a version mismatch replaces everything.
    init(current: AddressRanges, desired: AddressRanges) {
        switch (current, desired) {
        case (.ipv4(let old), .ipv4(let new)):
            let (removed, added) = Self.compare(old, new)
            self.removed = .ipv4(removed); self.added = .ipv4(added)
        case (.ipv6(let old), .ipv6(let new)):
            let (removed, added) = Self.compare(old, new)
            self.removed = .ipv6(removed); self.added = .ipv6(added)
        default:
            removed = current; added = desired
        }
    }

    private static func compare<Key: Comparable>(_ current: [ClosedRange<Key>], _ desired: [ClosedRange<Key>])
        -> (removed: [ClosedRange<Key>], added: [ClosedRange<Key>]) {
        if current == desired { return ([], []) }
        var removed: [ClosedRange<Key>] = [], added: [ClosedRange<Key>] = []
        var i = 0, j = 0
        while i < current.count, j < desired.count {
            if current[i] == desired[j] {
                i += 1; j += 1
            } else if current[i].lowerBound < desired[j].lowerBound {
                removed.append(current[i]); i += 1
            } else if desired[j].lowerBound < current[i].lowerBound {
                added.append(desired[j]); j += 1
            } else {
                // Same start, different end: the range changed.
                removed.append(current[i]); added.append(desired[j]); i += 1; j += 1
            }
        }
        removed += current[i...]
        added += desired[j...]
        return (removed, added)
    }
}
