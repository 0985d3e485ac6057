/// One part of a dotted key (`b` in `a."b".c`) and where it is written.
struct KeySegment {
    let name: String
    let position: SourcePosition

    /// Renders a key path for messages, quoting segments that could not be written bare.
    static func path(_ segments: some Sequence<KeySegment>) -> String {
        segments.map { segment in
            let bare = !segment.name.isEmpty && segment.name.utf8.allSatisfy(\.isBareKeyCharacter)
            return bare ? segment.name : "\"\(segment.name)\""
        }.joined(separator: ".")
    }
}
