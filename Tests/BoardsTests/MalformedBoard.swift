import Foundation
import Testing

/// A shipped board file with edits that break it, and the diagnostic that must name the break.
struct MalformedBoard: CustomTestStringConvertible, Sendable {
    var title: String
    var base = "nanopi-r2s"
    /// Text replacements applied in order; each `old` must occur in the file.
    var edits: [(old: String, new: String)]
    /// The key path the diagnostic must name.
    var key: String
    /// A fragment the diagnostic's message must contain.
    var message: String
    /// The expected line: the `occurrence`-th line (1-based) that contains `text` in the edited file.
    var line: (text: String, occurrence: Int)

    var testDescription: String { title }

    /// Whether `text` carries the expected message (an empty fragment matches any: Foundation's
    /// `contains("")` is false).
    func matches(_ text: String) -> Bool { message.isEmpty || text.contains(message) }

    func text() throws -> String {
        var text = try ShippedBoards.text(base)
        for edit in edits {
            guard text.contains(edit.old) else { throw EditMissing(old: edit.old, title: title) }
            text = text.replacingFirst(edit.old, with: edit.new)
        }
        return text
    }

    func expectedLine(in text: String) -> Int? {
        var seen = 0
        for (index, content) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
        where content.contains(line.text) {
            seen += 1
            if seen == line.occurrence { return index + 1 }
        }
        return nil
    }

    struct EditMissing: Error { var old: String; var title: String }
}

extension String {
    func replacingFirst(_ old: String, with new: String) -> String {
        guard let range = range(of: old) else { return self }
        return replacingCharacters(in: range, with: new)
    }
}
