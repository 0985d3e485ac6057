import Foundation
import Testing

/// The rule for tests that need root: they run when root or when `CI` is set, and under CI
/// without root they fail instead of skipping.
enum LiveTests {
    static let enabled = getuid() == 0 || ProcessInfo.processInfo.environment["CI"] != nil

    static func requireRoot() throws {
        try #require(getuid() == 0, "netfilter live tests need root (network namespaces, nf_tables)")
    }
}
