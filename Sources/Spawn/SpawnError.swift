import Glibc

/// Why a program could not be started or waited for.
public struct SpawnError: Error, Sendable, CustomStringConvertible {
    /// The program's path.
    public var program: String
    /// The failed step: `posix_spawn`, `pipe`, `waitpid`, ...
    public var call: String
    public var errno: Int32

    public init(program: String, call: String, errno: Int32) {
        self.program = program
        self.call = call
        self.errno = errno
    }

    public var description: String {
        "cannot run \(program): \(call): \(String(cString: strerror(errno)))"
    }
}
