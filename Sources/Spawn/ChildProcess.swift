import CSpawn
import Glibc

/// A program started with `posix_spawn`: the small part of Foundation's `Process` Kiln needs,
/// without linking Foundation's CoreFoundation layer into every command (it costs each `kiln`
/// start several MiB and milliseconds, and `kiln router apply` has to start as fast as `nft`).
///
/// The child is waited for by `wait()`; dropping one that is still running leaves it running.
public final class ChildProcess {
    /// Where one of the child's standard streams goes.
    public enum Stream: Sendable {
        /// The same file as Kiln's.
        case inherit
        /// `/dev/null`.
        case null
        /// A pipe Kiln reads with `readOutput()` (standard output and error only, at most one of them).
        case pipe
    }

    public let program: String
    public let pid: pid_t
    private var pipeDescriptor: Int32?
    private var ended: Termination?

    /// Starts `program` (a path, not searched in `PATH`) with `arguments` (without argv[0]).
    /// `newSession` puts the child in its own session, so it outlives Kiln's terminal.
    /// - Throws: `SpawnError` with the errno of a failed exec (ENOENT, EACCES, ENOEXEC, ...). `posix_spawn`
    public init(_ program: String, arguments: [String] = [], input: Stream = .null, output: Stream = .inherit,
                error: Stream = .inherit, newSession: Bool = false) throws(SpawnError) {
        self.program = program
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // The child starts with no signal blocked and every signal at its default: Kiln may run
        // with signals blocked (the daemon's signal pipe) or ignored (a tree command's SIGINT).
        var noSignals = sigset_t(), allSignals = sigset_t()
        sigemptyset(&noSignals)
        sigfillset(&allSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        var flags = Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF)
        if newSession { flags |= kiln_spawn_setsid_flag() }
        posix_spawnattr_setflags(&attributes, flags)

        var pipeEnds: [Int32] = [-1, -1]
        if output == .pipe || error == .pipe {
            guard pipe(&pipeEnds) == 0 else { throw SpawnError(program: program, call: "pipe", errno: errno) }
            // Moved to descriptors >= 3 with close-on-exec: if Kiln started with a standard stream
            // closed, a pipe end could be 0-2 and be replaced by another stream's /dev/null before
            // its dup2. The child gets the write end only through dup2, so its end of file comes
            // when it exits.
            for index in pipeEnds.indices {
                let moved = fcntl(pipeEnds[index], F_DUPFD_CLOEXEC, 3)
                close(pipeEnds[index])
                pipeEnds[index] = moved
            }
            guard pipeEnds.allSatisfy({ $0 >= 0 }) else {
                let failure = errno
                for end in pipeEnds where end >= 0 { close(end) }
                throw SpawnError(program: program, call: "fcntl", errno: failure)
            }
        }
        for (stream, target) in [(input, STDIN_FILENO), (output, STDOUT_FILENO), (error, STDERR_FILENO)] {
            switch stream {
            case .inherit: break
            case .null: posix_spawn_file_actions_addopen(&actions, target, "/dev/null", target == STDIN_FILENO ? O_RDONLY : O_WRONLY, 0)
            case .pipe: posix_spawn_file_actions_adddup2(&actions, pipeEnds[1], target)
            }
        }
        // Nothing else of Kiln's leaks into the child: an inherited pipe would keep whoever reads
        // Kiln's output waiting until the child exits.
        kiln_spawn_close_from(&actions, 3)
        var child: pid_t = 0
        let argv = ([program] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        let status = posix_spawn(&child, program, &actions, &attributes, argv, environ)
        if pipeEnds[1] >= 0 { close(pipeEnds[1]) }
        guard status == 0 else {
            if pipeEnds[0] >= 0 { close(pipeEnds[0]) }
            throw SpawnError(program: program, call: "posix_spawn", errno: status)
        }
        pid = child
        pipeDescriptor = pipeEnds[0] >= 0 ? pipeEnds[0] : nil
    }

    deinit {
        if let pipeDescriptor { close(pipeDescriptor) }
    }

    /// Reads the piped stream to its end (the child closing it, usually by exiting).
    /// Empty when no stream was piped.
    /// - Throws: `SpawnError` with read(2)'s errno.
    public func readOutput() throws(SpawnError) -> [UInt8] {
        guard let descriptor = pipeDescriptor else { return [] }
        var collected: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16_384)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count > 0 { collected += buffer[0..<count]; continue }
            if count == 0 { return collected }
            if errno != EINTR { throw SpawnError(program: program, call: "read", errno: errno) }
        }
    }

    /// Waits for the child to end.
    /// - Throws: `SpawnError` with waitpid(2)'s errno (ECHILD: someone else reaped it).
    public func wait() throws(SpawnError) -> Termination {
        if let ended { return ended }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { throw SpawnError(program: program, call: "waitpid", errno: errno) }
        }
        let termination = Termination(waitStatus: status)
        ended = termination
        return termination
    }

    /// Waits at most `seconds`; `nil` when the child is still running then.
    /// - Throws: `SpawnError` with waitpid(2)'s errno.
    public func wait(seconds: Double) throws(SpawnError) -> Termination? {
        if let ended { return ended }
        let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
        while true {
            var status: Int32 = 0
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid {
                ended = Termination(waitStatus: status)
                return ended
            }
            if result < 0 && errno != EINTR { throw SpawnError(program: program, call: "waitpid", errno: errno) }
            if ContinuousClock.now >= deadline { return nil }
            usleep(10_000)
        }
    }

    /// Sends `signal` to the child, if it has not been waited for yet.
    public func signal(_ signal: Int32) {
        if ended == nil { kill(pid, signal) }
    }
}
