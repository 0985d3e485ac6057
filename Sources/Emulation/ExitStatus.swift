/// How a command ended.
public enum ExitStatus: Sendable, Equatable {
    case exited(Int32)
    case signalled(Int32)

    /// The status a shell reports: the exit code, or 128+N for signal N.
    public var shellStatus: Int32 {
        switch self {
        case .exited(let code): code
        case .signalled(let signal): 128 + signal
        }
    }
}
