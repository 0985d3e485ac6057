import Arguments
import Router

/// `kiln router flush`: removes table `inet kiln` and nothing else.
struct RouterFlush: Command {
    static let description = CommandDescription(
        name: "flush", abstract: "Remove Kiln's table (inet kiln); other tables stay untouched.")

    init(_ arguments: ParsedArguments) {}

    func run() throws {
        try reportingFailures {
            let socket = try openNetlink()
            do {
                print(try KilnTable.remove(on: socket) ? "removed table inet kiln" : "table inet kiln was not there")
            } catch {
                throw Failure("cannot remove table inet kiln: \(error)")
            }
        }
    }
}
