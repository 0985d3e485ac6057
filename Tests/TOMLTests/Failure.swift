/// A test failure with a message, for `throw` inside `guard case` checks.
struct Failure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
