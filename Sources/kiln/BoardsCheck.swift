import Arguments
import Boards

/// `kiln boards check FILE...`: validates board files; exit status 0 when all are valid, 1 otherwise.
struct BoardsCheck: Command {
    static let description = CommandDescription(
        name: "check", abstract: "Check board files; print each problem as FILE:LINE:COL: key: message.",
        arguments: [
            .flag("json", help: "Print JSON."),
            .positionals("files", help: "Board files (.toml)."),
        ])

    var json: Bool
    var files: [String]

    init(_ arguments: ParsedArguments) throws(UsageError) {
        json = arguments.flag("json")
        files = try arguments.values("files")
    }

    struct Result: Encodable {
        var file: String
        var valid: Bool
        var board: String?
        var errors: [DiagnosticReport]
    }

    func run() throws {
        try reportingFailures {
            let results = files.map { file -> Result in
                do throws(BoardError) {
                    let board = try BoardFile.load(contentsOf: file)
                    return Result(file: file, valid: true, board: board.name, errors: [])
                } catch {
                    return Result(file: file, valid: false, board: nil, errors: error.reports(file: file))
                }
            }
            if json {
                try printJSON(results)
            } else {
                for result in results where result.valid { print("\(result.file): ok (\(result.board!))") }
            }
            let problems = results.flatMap(\.errors).map(render)
            if !problems.isEmpty { throw Failure(lines: json ? [] : problems) }
        }
    }

    private func render(_ report: DiagnosticReport) -> String {
        guard report.line > 0 else { return report.message }
        let key = report.key.isEmpty ? "" : "\(report.key): "
        return "\(report.file):\(report.line):\(report.column): \(key)\(report.message)"
    }
}
