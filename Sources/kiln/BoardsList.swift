import Arguments
import Boards

/// `kiln boards list`: every board found, and where it came from.
struct BoardsList: Command {
    static let description = CommandDescription(
        name: "list", abstract: "List the boards Kiln finds.",
        arguments: BoardSearchOptions.arguments + [.flag("json", help: "Print JSON.")])

    var search: BoardSearchOptions
    var json: Bool

    init(_ arguments: ParsedArguments) throws(UsageError) {
        search = try BoardSearchOptions(arguments)
        json = arguments.flag("json")
    }

    struct Row: Encodable {
        var name: String
        var description: String?
        var origin: BoardOrigin
        var path: String
        var overrides: [String]
        var valid: Bool
        var errors: [DiagnosticReport]
    }

    func run() throws {
        try reportingFailures {
            let catalog = try search.catalog()
            let rows = catalog.entries.map(row)
            if json {
                try printJSON(rows)
            } else {
                print(table(rows))
            }
            let broken = catalog.entries.compactMap { entry -> [String]? in
                guard case .failure(let error) = entry.result else { return nil }
                return error.description.split(separator: "\n").map(String.init)
            }
            if !broken.isEmpty { throw Failure(lines: broken.flatMap { $0 }) }
        }
    }

    private func row(_ entry: BoardCatalog.Entry) -> Row {
        let board = try? entry.result.get()
        let errors: [DiagnosticReport] = switch entry.result {
        case .success: []
        case .failure(let error): error.reports(file: entry.path)
        }
        return Row(name: entry.name, description: board?.description, origin: entry.origin, path: entry.path,
                   overrides: entry.overrides, valid: board != nil, errors: errors)
    }

    private func table(_ rows: [Row]) -> String {
        let header = ["NAME", "ORIGIN", "DESCRIPTION", "FILE"]
        let lines = rows.map { row in
            var origin = row.origin.rawValue
            if !row.overrides.isEmpty { origin += " (overrides \(row.overrides.count))" }
            return [row.name, origin, row.description ?? "INVALID: see errors below", row.path]
        }
        return TextTable(header: header, rows: lines).rendered
    }
}

extension BoardError {
    /// The error as JSON diagnostics; errors without a position get line 0.
    func reports(file: String) -> [DiagnosticReport] {
        let diagnostics = self.diagnostics
        if diagnostics.isEmpty {
            return [DiagnosticReport(file: file, line: 0, column: 0, key: "", message: description)]
        }
        return diagnostics.map {
            DiagnosticReport(file: $0.file, line: $0.line, column: $0.column, key: $0.keyPath, message: $0.message)
        }
    }
}
