import Emulation
import Foundation
import KilnTestSupport
import Testing

extension HostEmulation {
    /// Bad input gives a clear error and leaves nothing mounted or registered.
    @Suite struct BadInputTests {
        /// Runs `arguments` expecting failure with `message`, then checks binfmt_misc and the mounts are untouched.
        func rejects(_ arguments: [String], saying message: String, snapshot: BinfmtSnapshot) throws {
            let entries = try snapshot.binfmt.entries(), mounts = try HostEmulation.mountinfo()
            let result = try HostEmulation.kiln(arguments)
            #expect(result.status != 0, "\(arguments)")
            #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
            #expect(try snapshot.binfmt.entries() == entries, "\(arguments) changed binfmt_misc")
            #expect(try HostEmulation.mountinfo() == mounts, "\(arguments) left a mount")
        }

        @Test func unknownArchitecture() throws {
            let snapshot = try BinfmtSnapshot()
            defer { snapshot.restore(); #expect(snapshot.isRestored) }
            try snapshot.clearEmulation()
            try rejects(["emu", "register", "--arch", "aarch64,mips"], saying: "unknown architecture 'mips'", snapshot: snapshot)
            let directory = try HostEmulation.scratchDirectory()
            defer { directory.remove() }
            try rejects(["rootfs", "build", "--arch", "riscv64", "--output", directory.appending("r.tar")],
                        saying: "unknown architecture 'riscv64'", snapshot: snapshot)
            #expect(try directory.contents().isEmpty)
        }

        @Test func missingInterpreter() throws {
            let snapshot = try BinfmtSnapshot()
            defer { snapshot.restore(); #expect(snapshot.isRestored) }
            try snapshot.clearEmulation()
            try rejects(["emu", "register", "--arch", "aarch64", "--interpreter", "/nonexistent/qemu-aarch64"],
                        saying: "/nonexistent/qemu-aarch64: no such executable interpreter for aarch64 (install Debian's qemu-user-static",
                        snapshot: snapshot)
            #expect(try snapshot.binfmt.records().isEmpty)
        }

        @Test func treeThatIsNotARootFilesystem() throws {
            let snapshot = try BinfmtSnapshot()
            defer { snapshot.restore(); #expect(snapshot.isRestored) }
            try HostEmulation.registered(snapshot)
            let directory = try HostEmulation.scratchDirectory()
            defer { directory.remove() }
            try directory.write("etc/hostname", "not a tree\n")
            try rejects(["emu", "run", "--root", directory.path, "--", "ls"], saying: "not a root filesystem: none of bin/sh",
                        snapshot: snapshot)
            try rejects(["emu", "run", "--root", directory.appending("missing"), "--", "ls"], saying: "no such directory",
                        snapshot: snapshot)
            let tree = try HostEmulation.busyboxTree(in: directory)
            try rejects(["emu", "run", "--root", tree, "--bind", "/nonexistent/dir:/x", "--", "ls"], saying: "no such file or directory on the host",
                        snapshot: snapshot)
        }

        @Test func noInterpreterRegistered() throws {
            let snapshot = try BinfmtSnapshot()
            defer { snapshot.restore(); #expect(snapshot.isRestored) }
            try snapshot.clearEmulation()
            let directory = try HostEmulation.scratchDirectory()
            defer { directory.remove() }
            let tree = try HostEmulation.busyboxTree(in: directory)
            try rejects(["emu", "run", "--root", tree, "--", "sh", "-c", "exit 0"], saying: "run `kiln emu register --arch aarch64`",
                        snapshot: snapshot)
            try rejects(["rootfs", "build", "--output", directory.appending("r.tar")], saying: "kiln emu register --arch aarch64",
                        snapshot: snapshot)
        }

        /// As nobody (setpriv), every command that changes the system says it needs root.
        @Test func unprivilegedUser() throws {
            let snapshot = try BinfmtSnapshot()
            defer { snapshot.restore(); #expect(snapshot.isRestored) }
            let directory = try HostEmulation.scratchDirectory()
            defer { directory.remove() }
            let tree = try HostEmulation.busyboxTree(in: directory)
            let nobody = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", KilnExecutable.path]
            for (arguments, operation) in [(["emu", "register"], "kiln emu register"),
                                           (["emu", "run", "--root", tree, "--", "true"], "kiln emu run"),
                                           (["rootfs", "build", "--output", "/tmp/kiln-nobody.tar"], "kiln rootfs build")] {
                let result = try Command.run(nobody + arguments)
                #expect(result.status != 0 && result.stderr.contains("\(operation) needs root"), "\(arguments): \(result.stderr)")
            }
            #expect(snapshot.isRestored)
        }

        @Test func suiteThatDoesNotExist() throws {
            let snapshot = try BinfmtSnapshot()
            defer { snapshot.restore(); #expect(snapshot.isRestored) }
            try HostEmulation.registered(snapshot)
            let directory = try HostEmulation.scratchDirectory()
            defer { directory.remove() }
            let output = directory.appending("r.tar")
            try rejects(["rootfs", "build", "--suite", "no-such-suite", "--output", output], saying: "mmdebstrap exited with status",
                        snapshot: snapshot)
            #expect(!FileManager.default.fileExists(atPath: output))
            try rejects(["rootfs", "build", "--packages", "Not_A_Package", "--output", output], saying: "not a Debian package name",
                        snapshot: snapshot)
            try rejects(["rootfs", "build", "--variant", "tiny", "--output", output], saying: "--variant 'tiny'", snapshot: snapshot)
            try rejects(["rootfs", "build", "--output", directory.appending("r.img")], saying: "must end in .tar", snapshot: snapshot)
        }
    }
}
