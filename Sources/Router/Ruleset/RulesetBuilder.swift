import Netfilter

/// Accumulates chains and rules in order while `Ruleset(config:)` walks the config.
struct RulesetBuilder {
    let table: Table
    var chains: [Chain] = []
    var rules: [Ruleset.Entry] = []

    init(table: Table) { self.table = table }

    mutating func chain(_ name: String, base: Chain.Base? = nil) {
        chains.append(Chain(family: table.family, table: table.name, name: name, base: base))
    }

    /// Adds a rule to `chain`; its comment is `name` plus a hash of its content.
    mutating func rule(_ chain: String, _ name: String, _ expressions: [Expression], origin: Ruleset.Origin) {
        let comment = RuleIdentity.comment(name: name, chain: chain, expressions: expressions)
        let rule = Rule(family: table.family, table: table.name, chain: chain, expressions: expressions, comment: comment)
        rules.append(Ruleset.Entry(rule: rule, origin: origin))
    }

    /// The zone policy as a rule's final verdict.
    static func verdict(_ policy: Zone.Policy) -> [Expression] {
        switch policy {
        case .accept: [.verdict(.accept)]
        case .drop: [.verdict(.drop)]
        case .reject: [.reject(.portUnreachable)]
        }
    }
}
