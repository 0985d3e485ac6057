/// What is wrong with one value, before the reader adds where it is.
struct ConfigProblem: Error {
    var message: String
    init(_ message: String) { self.message = message }
}
