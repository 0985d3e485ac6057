/// One part of a dotted key (`b` in `a."b".c`) and where it is written.
struct KeySegment {
    let name: String
    let position: SourcePosition

    /// Renders a key path for messages, quoting segments that could not be written bare.
    static func path(_ segments: some Sequence<KeySegment>) -> String {
        // Appended one by one: the generic `joined(separator:)` looked a conformance up at run time.
        var path = ""
        for segment in segments {
            if !path.isEmpty { path += "." }
            let bare = !segment.name.isEmpty && segment.name.utf8.allSatisfy(\.isBareKeyCharacter)
            path += bare ? segment.name : "\"\(segment.name)\""
        }
        return path
    }
}
