/// The status `kiln` exits with, thrown by a command whose messages are already out.
struct ExitCode: Error, Equatable {
    var rawValue: Int32

    init(_ rawValue: Int32) {
        self.rawValue = rawValue
    }

    static let success = ExitCode(0)
    static let failure = ExitCode(1)
    /// EX_USAGE from sysexits.h: the command line was wrong.
    static let usage = ExitCode(64)
}
