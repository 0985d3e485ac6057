import Netfilter

/// Which rules of one chain to delete and where to insert new ones so the kernel's sequence of
/// rule comments becomes the desired one, keeping the longest common subsequence in place.
struct RuleSequenceDiff {
    var deletions: [Rule] = []
    var insertions: [(Rule, Rule.Placement, Ruleset.Origin)] = []

    init(current: [Rule], desired: [Ruleset.Entry]) {
        let kept = Self.longestCommonSubsequence(current.map { $0.comment ?? "" }, desired.map { $0.rule.comment ?? "" })
        let keptCurrent = Set(kept.map(\.0)), keptDesired = Dictionary(uniqueKeysWithValues: kept.map { ($0.1, $0.0) })
        deletions = current.indices.filter { !keptCurrent.contains($0) }.map { current[$0] }
        // A new rule goes right before the next kept rule, or at the end when none follows;
        // inserting each before the same anchor keeps the new rules in their desired order.
        var anchor: UInt64? = nil
        var pending: [(Rule, Rule.Placement, Ruleset.Origin)] = []
        for index in desired.indices.reversed() {
            if let currentIndex = keptDesired[index] {
                anchor = current[currentIndex].handle
                continue
            }
            let placement: Rule.Placement = anchor.map { .before(handle: $0) } ?? .append
            pending.append((desired[index].rule, placement, desired[index].origin))
        }
        insertions = pending.reversed()
    }

    /// Index pairs (current, desired) of a longest common subsequence, in order.
    static func longestCommonSubsequence(_ a: [String], _ b: [String]) -> [(Int, Int)] {
        guard !a.isEmpty, !b.isEmpty else { return [] }
        var lengths = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                lengths[i][j] = a[i] == b[j] ? lengths[i + 1][j + 1] + 1 : max(lengths[i + 1][j], lengths[i][j + 1])
            }
        }
        var pairs: [(Int, Int)] = [], i = 0, j = 0
        while i < a.count, j < b.count {
            if a[i] == b[j] { pairs.append((i, j)); i += 1; j += 1 }
            else if lengths[i + 1][j] >= lengths[i][j + 1] { i += 1 }
            else { j += 1 }
        }
        return pairs
    }
}
