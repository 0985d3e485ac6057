import Testing
import TOML

/// Every fixture is parsed by TOML and by Python's tomllib; the results must agree.
@Suite struct DifferentialTests {
    @Test func corpusIsLargeEnough() {
        #expect(Fixture.names("valid").count >= 60)
        #expect(Fixture.names("invalid").count >= 60)
    }

    @Test(arguments: Fixture.names("valid"))
    func validDocumentMatchesTomllib(_ name: String) throws {
        let outcome = try #require(try TomllibOracle.outcomes.get()[name], "oracle skipped \(name)")
        guard case .value(let expected) = outcome else {
            Issue.record("tomllib rejects \(name), so it is not a valid fixture: \(outcome)")
            return
        }
        let table = try TOMLDocument.parse(try Fixture.text(name))
        #expect(Canonical(table) == expected, "\(name)")
    }

    @Test(arguments: Fixture.names("invalid"))
    func invalidDocumentIsRejectedLikeTomllib(_ name: String) throws {
        let outcome = try #require(try TomllibOracle.outcomes.get()[name], "oracle skipped \(name)")
        guard case .error = outcome else {
            Issue.record("tomllib accepts \(name), so it is not an invalid fixture")
            return
        }
        let text = try Fixture.text(name)
        #expect(throws: TOMLSyntaxError.self, "\(name)") { try TOMLDocument.parse(text) }
    }
}
