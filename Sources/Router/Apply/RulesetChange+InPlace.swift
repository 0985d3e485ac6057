import Netfilter

extension RulesetChange {
    /// Policy updates, rule deletions, element deletions, element additions, rule insertions.
    mutating func updateInPlace(_ current: KernelRuleset, _ desired: Ruleset, table: Table) throws {
        for chain in desired.chains {
            guard let base = chain.base, let existing = current.chains.first(where: { $0.name == chain.name }),
                  existing.base?.policy != base.policy else { continue }
            try record(Ruleset.Origin(chain.description)) { try $0.add(chain) }
        }
        var insertions: [(Rule, Rule.Placement, Ruleset.Origin)] = []
        for chain in desired.chains {
            let plan = RuleSequenceDiff(current: current.rules(in: chain.name), desired: desired.rules(in: chain.name))
            for rule in plan.deletions { try record(Ruleset.Origin(rule.description)) { try $0.delete(rule) } }
            insertions += plan.insertions
        }
        for contents in desired.sets {
            // Both lists are sorted: ranges rebuilt from the kernel, merged ranges from the config.
            let current = current.sets.first { $0.set.name == contents.set.name }?.ranges ?? .empty(contents.ranges.version)
            let diff = RangeDiff(current: current, desired: contents.ranges)
            try record(contents.origin) { try diff.removed.append(to: &$0, set: contents.set, delete: true) }
            try record(contents.origin) { try diff.added.append(to: &$0, set: contents.set) }
        }
        for (rule, placement, origin) in insertions {
            try record(origin) { try $0.add(rule, placement: placement) }
        }
    }
}
