import Glibc
import Spawn
import Testing

@Suite struct ChildProcessTests {
    @Test func exitStatusAndSignalAreReported() throws {
        #expect(try ChildProcess("/bin/sh", arguments: ["-c", "exit 7"]).wait() == .exited(7))
        #expect(try ChildProcess("/bin/sh", arguments: ["-c", "kill -TERM $$"]).wait() == .signaled(SIGTERM))
        #expect(Termination.signaled(SIGTERM).shellStatus == 143)
    }

    @Test func aMissingProgramIsAnErrorWithItsErrno() {
        let error = #expect(throws: SpawnError.self) { try ChildProcess("/nonexistent/tool") }
        #expect(error?.errno == ENOENT)
        #expect(error?.description.contains("/nonexistent/tool") == true)
    }

    @Test func pipedOutputIsReadToItsEnd() throws {
        let child = try ChildProcess("/bin/sh", arguments: ["-c", "echo out; echo err >&2"], output: .null, error: .pipe)
        #expect(String(decoding: try child.readOutput(), as: UTF8.self) == "err\n")
        #expect(try child.wait().succeeded)
    }

    @Test func theChildInheritsNoDescriptorBeyondStandardError() throws {
        // A descriptor without close-on-exec, as a test runner's pipe would be.
        let leaked = open("/dev/null", O_RDONLY)
        defer { close(leaked) }
        #expect(leaked > 2)
        let child = try ChildProcess("/bin/sh", arguments: ["-c", "ls /proc/self/fd"], output: .pipe, error: .null)
        let listed = String(decoding: try child.readOutput(), as: UTF8.self).split(separator: "\n").compactMap { Int($0) }
        _ = try child.wait()
        // 0-2, and the descriptor `ls` opens to read the directory.
        #expect(!listed.contains(Int(leaked)), "\(listed)")
        #expect(listed.filter { $0 > 2 }.count <= 1, "\(listed)")
    }

    @Test func theChildStartsWithNoSignalBlocked() throws {
        var blocked = sigset_t(), previous = sigset_t()
        sigemptyset(&blocked)
        sigaddset(&blocked, SIGTERM)
        pthread_sigmask(SIG_BLOCK, &blocked, &previous)
        defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
        let child = try ChildProcess("/bin/sh", arguments: ["-c", "grep SigBlk /proc/self/status"], output: .pipe)
        let line = String(decoding: try child.readOutput(), as: UTF8.self)
        _ = try child.wait()
        #expect(line.hasSuffix("0000000000000000\n"), "\(line)")
    }

    @Test func aNewSessionIsItsOwnLeader() throws {
        let child = try ChildProcess("/bin/sh", arguments: ["-c", "cut -d' ' -f6 /proc/self/stat; echo $$"], output: .pipe,
                                     newSession: true)
        let fields = String(decoding: try child.readOutput(), as: UTF8.self).split(separator: "\n")
        _ = try child.wait()
        // cut runs in the shell's session: the session id is the shell's pid.
        #expect(fields.count == 2 && fields[0] == fields[1], "\(fields)")
    }

    @Test func waitingWithATimeoutReturnsNothingWhileItRuns() throws {
        let child = try ChildProcess("/bin/sleep", arguments: ["30"])
        #expect(try child.wait(seconds: 0.2) == nil)
        child.signal(SIGKILL)
        #expect(try child.wait() == .signaled(SIGKILL))
    }

    @Test func waitingForAChildReapedElsewhereIsAnError() throws {
        let child = try ChildProcess("/bin/true")
        var status: Int32 = 0
        _ = waitpid(child.pid, &status, 0)
        let error = #expect(throws: SpawnError.self) { try child.wait() }
        #expect(error?.errno == ECHILD)
    }
}
