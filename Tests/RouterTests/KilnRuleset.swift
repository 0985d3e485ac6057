import Foundation
import KilnTestSupport
import Testing

/// `nft -j list table inet kiln` in a namespace, the oracle for what the kernel holds.
struct KilnRuleset {
    let entries: [[String: Any]]

    init(in namespace: NetworkNamespace) throws {
        let result = try namespace.exec(["nft", "-j", "list", "table", "inet", "kiln"])
        try #require(result.status == 0, "nft failed: \(result.stderr)")
        let root = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        entries = try #require(root["nftables"] as? [[String: Any]])
    }

    private func objects(_ key: String) -> [[String: Any]] { entries.compactMap { $0[key] as? [String: Any] } }

    /// Chain names with their hook and policy (`input:input:drop`, `input_wan`).
    var chains: [String] {
        objects("chain").map { chain in
            [chain["name"] as? String, chain["hook"] as? String, chain["policy"] as? String].compactMap { $0 }.joined(separator: ":")
        }
    }

    /// Rule comments in order, per chain.
    func comments(in chain: String) -> [String] {
        objects("rule").filter { $0["chain"] as? String == chain }.compactMap { $0["comment"] as? String }
    }

    /// Rule names (the comment before the hash), per chain.
    func ruleNames(in chain: String) -> [String] {
        comments(in: chain).map { String($0.split(separator: " [").first ?? "") }
    }

    /// The rule with this name, as nft's JSON.
    func rule(named name: String) -> [String: Any]? {
        objects("rule").first { ($0["comment"] as? String)?.hasPrefix(name + " [") == true }
    }

    /// The elements of a set as nft prints them (`203.0.113.7`, `198.18.0.0/15`).
    func elements(of set: String) -> [String] {
        guard let object = objects("set").first(where: { $0["name"] as? String == set }),
              let elements = object["elem"] as? [Any] else { return [] }
        return elements.map { element in
            if let text = element as? String { return text }
            if let prefix = (element as? [String: Any])?["prefix"] as? [String: Any] {
                return "\(prefix["addr"] ?? "")/\(prefix["len"] ?? "")"
            }
            if let range = (element as? [String: Any])?["range"] as? [Any] { return range.map { "\($0)" }.joined(separator: "-") }
            return "\(element)"
        }
    }
}
