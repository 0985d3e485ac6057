import Emulation
import Foundation
import KilnTestSupport
import Testing

extension HostEmulation {
    /// `kiln emu run`: exit status, bind mounts, and no mount left behind, also when killed.
    @Suite struct TreeCommandTests {
        @Test func exitStatusPassesThrough() throws {
            try withBusyboxTree { directory, tree in
                let before = try HostEmulation.mountinfo()
                for (script, status) in [("exit 0", 0), ("exit 7", 7), ("exit 255", 255), ("kill -9 $$", 137), ("kill -TERM $$", 143)] {
                    let result = try HostEmulation.kiln(["emu", "run", "--root", tree, "--", "sh", "-c", script])
                    #expect(result.status == Int32(status), "\(script): \(result.stderr)")
                }
                let missing = try HostEmulation.kiln(["emu", "run", "--root", tree, "--", "no-such-program"])
                #expect(missing.status == 127 && missing.stderr.contains("no-such-program: command not found"), "\(missing.stderr)")
                #expect(try HostEmulation.mountinfo() == before)
            }
        }

        @Test func seesBindMountsAndItsOwnFilesystems() throws {
            try withBusyboxTree { directory, tree in
                let shared = directory.appending("shared")
                try FileManager.default.createDirectory(atPath: shared, withIntermediateDirectories: true)
                try directory.write("shared/in.txt", "from the host\n")
                let single = try directory.write("single.txt", "one file\n")
                let before = try HostEmulation.mountinfo()

                let script = """
                    cat /work/in.txt /one.txt; echo written inside > /work/out.txt
                    cat /proc/self/mountinfo; ls /tmp | wc -l; echo pid=$$
                    """
                let result = try HostEmulation.kiln(["emu", "run", "--root", tree, "--bind", "\(shared):/work",
                                                     "--bind", "\(single):/one.txt", "--", "sh", "-c", script])
                #expect(result.status == 0, "\(result.stderr)")
                #expect(result.stdout.hasPrefix("from the host\none file\n"))
                #expect(try String(contentsOfFile: "\(shared)/out.txt", encoding: .utf8) == "written inside\n")
                // Inside: proc, sysfs, tmpfs /run and /tmp, the binds; the command is PID 2 under the namespace's init.
                for fragment in [" /proc ", " /sys ", " /run ", " /tmp ", " /work ", " /one.txt ", " - tmpfs tmpfs ", "pid=2\n"] {
                    #expect(result.stdout.contains(fragment), "\(fragment)")
                }
                #expect(try HostEmulation.mountinfo() == before, "no mount reached the host's namespace")
            }
        }

        @Test func nothingStaysWhenTheCommandIsKilled() throws {
            try killing(script: "sleep 3671", token: "sleep 3671", victim: .command)
        }

        @Test func nothingStaysWhenKilnIsKilled() throws {
            // A background child too: the PID namespace takes it down with the init.
            try killing(script: "sleep 3672 & sleep 3673", token: "3673", victim: .kiln)
        }

        /// Runs `body` with Kiln's entries registered (the host's binfmt_misc restored afterwards, also on failure)
        /// and a busybox tree in a fresh directory.
        func withBusyboxTree(_ body: (TemporaryDirectory, String) throws -> Void) throws {
            let snapshot = try BinfmtSnapshot()
            defer { snapshot.restore(); #expect(snapshot.isRestored) }
            try HostEmulation.registered(snapshot)
            let directory = try HostEmulation.scratchDirectory()
            defer { directory.remove() }
            try body(directory, try HostEmulation.busyboxTree(in: directory))
        }

        enum Victim { case command, kiln }

        func killing(script: String, token: String, victim: Victim) throws {
            try withBusyboxTree { directory, tree in
                let shared = directory.appending("shared")
                try FileManager.default.createDirectory(atPath: shared, withIntermediateDirectories: true)
                let before = try HostEmulation.mountinfo()

                let kiln = Process()
                kiln.executableURL = URL(fileURLWithPath: KilnExecutable.path)
                kiln.arguments = ["emu", "run", "--root", tree, "--bind", "\(shared):/work", "--", "sh", "-c", script]
                kiln.standardOutput = FileHandle.nullDevice
                kiln.standardError = FileHandle.nullDevice
                try kiln.run()
                defer { if kiln.isRunning { kiln.terminate() } }
                var command: Int32?
                let started = ProcessTable.wait(upTo: 60) {
                    command = ProcessTable.pids(containing: token).first { ProcessTable.isEmulated($0) }
                    return command != nil
                }
                let pid = try #require(command, "the command never started (\(started))")
                let namespace = try #require(ProcessTable.mountNamespace(of: pid))
                #expect(namespace != ProcessTable.mountNamespace(of: getpid()))

                kill(victim == .command ? pid : kiln.processIdentifier, SIGKILL)
                kiln.waitUntilExit()
                if victim == .command {
                    #expect(kiln.terminationReason == .exit && kiln.terminationStatus == 137)
                } else {
                    #expect(kiln.terminationReason == .uncaughtSignal && kiln.terminationStatus == SIGKILL)
                }
                #expect(ProcessTable.wait(upTo: 30) { ProcessTable.pids(inMountNamespace: namespace).isEmpty },
                        "processes left in \(namespace): \(ProcessTable.pids(inMountNamespace: namespace))")
                #expect(ProcessTable.pids(containing: token).filter(ProcessTable.isEmulated).isEmpty)
                #expect(try HostEmulation.mountinfo() == before)
            }
        }
    }
}
