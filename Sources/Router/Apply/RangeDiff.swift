/// The ranges to remove and to add between two sorted range lists, in one linear merge
/// (hashing 100,000 ranges twice costs more than the rest of a one-element change).
struct RangeDiff {
    var removed: [AddressRange] = []
    var added: [AddressRange] = []

    init(current: [AddressRange], desired: [AddressRange]) {
        var i = 0, j = 0
        while i < current.count, j < desired.count {
            if current[i] == desired[j] {
                i += 1; j += 1
            } else if current[i].start.lexicographicallyPrecedes(desired[j].start) {
                removed.append(current[i]); i += 1
            } else if desired[j].start.lexicographicallyPrecedes(current[i].start) {
                added.append(desired[j]); j += 1
            } else {
                // Same start, different end: the range changed.
                removed.append(current[i]); added.append(desired[j]); i += 1; j += 1
            }
        }
        removed += current[i...]
        added += desired[j...]
    }
}
