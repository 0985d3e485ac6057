import Foundation
import Testing
import TOML

/// Random documents parsed by TOML and by Python's tomllib must agree value for value.
@Suite struct GeneratedDocumentTests {
    @Test func generatedDocumentsMatchTomllib() throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("toml-generated-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        let valid = directory.appendingPathComponent("valid")
        try FileManager.default.createDirectory(at: valid, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }

        var documents: [String: String] = [:]
        for seed in UInt64(1)...300 {
            var generator = GeneratedDocument(seed: seed)
            let name = "valid/\(seed).toml"
            documents[name] = generator.make()
            try Data(documents[name]!.utf8).write(to: directory.appendingPathComponent(name))
        }
        let outcomes = try TomllibOracle.run(on: directory).get()
        for (name, text) in documents.sorted(by: { $0.key < $1.key }) {
            let outcome = try #require(outcomes[name])
            switch (outcome, Result { () throws(TOMLSyntaxError) in try TOMLDocument.parse(text) }) {
            case (.value(let expected), .success(let table)):
                #expect(Canonical(table) == expected, "seed \(name):\n\(text)")
            case (.error(let message), .success):
                Issue.record("generator made invalid TOML (\(message)), seed \(name):\n\(text)")
            case (_, .failure(let error)):
                Issue.record("TOML rejects \(name) with \(error); tomllib: \(outcome)\n\(text)")
            }
        }
    }
}
