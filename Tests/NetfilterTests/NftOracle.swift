import Foundation
import KilnTestSupport
import Testing

/// What the real `nft` tool reports, parsed from its JSON output: the oracle for live tests.
enum NftOracle {
    struct ListedTable: Hashable {
        var family: String
        var name: String
    }

    /// `nft -j list tables` inside `namespace`.
    static func tables(in namespace: NetworkNamespace) throws -> [ListedTable] {
        let result = try namespace.exec(["nft", "-j", "list", "tables"])
        try #require(result.status == 0, "nft failed: \(result.stderr)")
        return try objects(result.stdout, key: "table").map { table in
            ListedTable(
                family: try #require(table["family"] as? String),
                name: try #require(table["name"] as? String))
        }
    }

    /// The flags `nft list table` prints for one table in `namespace`.
    ///
    /// Read from the text output: nft 1.0.6 prints table flags in JSON as garbage (a bug fixed
    /// in later releases), so JSON is no oracle for them.
    static func flags(of family: String, _ name: String, in namespace: NetworkNamespace) throws -> Set<String> {
        let result = try namespace.exec(["nft", "list", "table", family, name])
        try #require(result.status == 0, "nft failed: \(result.stderr)")
        let line = result.stdout.split(separator: "\n")
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .first { $0.hasPrefix("flags ") }
        guard let line else { return [] }
        return Set(line.dropFirst("flags ".count).split(separator: ",").map {
            $0.trimmingCharacters(in: .whitespaces)
        })
    }

    /// `nft -s -j list ruleset` in the host's namespace, for before/after comparisons: stateless,
    /// because the host's own traffic moves its counters and quotas meanwhile.
    static func hostRuleset() throws -> String {
        let result = try Command.run(["nft", "-s", "-j", "list", "ruleset"])
        try #require(result.status == 0, "nft failed: \(result.stderr)")
        return result.stdout
    }

    /// The values of `key` among the entries of the top-level `nftables` array.
    private static func objects(_ json: String, key: String) throws -> [[String: Any]] {
        let root = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let entries = try #require(root["nftables"] as? [[String: Any]])
        return entries.compactMap { $0[key] as? [String: Any] }
    }
}
