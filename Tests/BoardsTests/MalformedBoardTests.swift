import Boards
import Foundation
import KilnTestSupport
import Testing

/// Each malformed board gives its specific error, naming file, line and key, through the library and the CLI.
@Suite struct MalformedBoardTests {
    @Test func thereAreAtLeastFifteenKinds() { #expect(MalformedBoards.all.count >= 15) }

    @Test(arguments: MalformedBoards.all)
    func libraryNamesFileLineAndKey(_ broken: MalformedBoard) throws {
        let text = try broken.text()
        let line = try #require(broken.expectedLine(in: text))
        do {
            _ = try BoardFile.parse(text, file: "boards/\(broken.base).toml")
            Issue.record("\(broken.title): accepted")
        } catch {
            let match = error.diagnostics.first { $0.keyPath == broken.key && broken.matches($0.message) }
            #expect(match != nil, "\(broken.title): got \(error.description)")
            #expect(match?.line == line, "\(broken.title): \(match.map(\.description) ?? "")")
            #expect(match?.file == "boards/\(broken.base).toml")
            #expect((match?.column ?? 0) >= 1)
        }
    }

    @Test(arguments: MalformedBoards.all)
    func checkCommandPrintsOneLinePerErrorAndExitsOne(_ broken: MalformedBoard) throws {
        let directory = try TemporaryDirectory()
        let file = try directory.write("\(broken.base).toml", try broken.text())
        let line = try #require(broken.expectedLine(in: try broken.text()))
        let result = try KilnExecutable.run(["boards", "check", file])
        #expect(result.status == 1)
        let prefix = broken.key.isEmpty ? "\(file):\(line):" : nil
        let lines = result.stderr.split(separator: "\n").map(String.init)
        let expected = lines.contains { output in
            if let prefix { return output.hasPrefix(prefix) && broken.matches(output) }
            return output.hasPrefix("\(file):\(line):") && output.contains(": \(broken.key): ") && broken.matches(output)
        }
        #expect(expected, "\(broken.title): \(result.stderr)")
        #expect(result.stdout.isEmpty)
    }
}
