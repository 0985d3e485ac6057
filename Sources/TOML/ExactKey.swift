/// A table key compared by its Unicode scalars.
///
/// Swift's `String ==` treats canonically equivalent strings (precomposed `é` and `e` + U+0301)
/// as equal, but TOML keys are distinct unless their code points are identical, so key lookup
/// must not go through `String`'s own hashing.
struct ExactKey: Hashable, Sendable {
    let text: String

    init(_ text: String) {
        self.text = text
    }

    static func == (lhs: ExactKey, rhs: ExactKey) -> Bool {
        // `String ==` is fast and implied by byte equality; the byte check only runs on a match.
        lhs.text == rhs.text && lhs.text.utf8.elementsEqual(rhs.text.utf8)
    }

    func hash(into hasher: inout Hasher) {
        let hashed: Void? = text.utf8.withContiguousStorageIfAvailable { bytes in
            hasher.combine(bytes: UnsafeRawBufferPointer(bytes))
        }
        if hashed == nil {
            for byte in text.utf8 { hasher.combine(byte) }
        }
    }
}
